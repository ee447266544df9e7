#include "db/postgrescluster.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>
#include <QtConcurrent/QtConcurrentRun>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace {

constexpr int kSocketPathMax = 100; // sun_path is 108 bytes; PostgreSQL appends /.s.PGSQL.NNNNN

QString exe(const QString &name)
{
#ifdef Q_OS_WIN
    return name + QStringLiteral(".exe");
#else
    return name;
#endif
}

bool hasServerBinaries(const QString &dir)
{
    if (dir.isEmpty())
        return false;
    const QDir d(dir);
    for (const char *name : {"initdb", "pg_ctl", "postgres"}) {
        const QFileInfo fi(d.filePath(exe(QString::fromLatin1(name))));
        if (!fi.isFile() || !fi.isExecutable())
            return false;
    }
    return true;
}

// /usr/lib/postgresql/<N>/bin style directories, highest version first.
QStringList versionedDirs(const QString &parent, const QString &prefix, const QString &suffix)
{
    QList<std::pair<QVersionNumber, QString>> found;
    const QDir dir(parent);
    for (const QString &entry : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!entry.startsWith(prefix))
            continue;
        const QVersionNumber version = QVersionNumber::fromString(entry.mid(prefix.size()));
        if (!version.isNull())
            found.append({version, dir.filePath(entry) + suffix});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList result;
    for (const auto &f : found)
        result << f.second;
    return result;
}

bool isRoot()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#else
    return false;
#endif
}

// Whether `pid` is a live PostgreSQL postmaster. After a container or machine restart the PID in a
// stale postmaster.pid often belongs to an unrelated process, which PostgreSQL itself cannot tell.
bool isLivePostmaster(qint64 pid)
{
#ifdef Q_OS_UNIX
    if (pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
#ifdef Q_OS_LINUX
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (comm.open(QIODevice::ReadOnly)) {
        const QByteArray name = comm.readAll().trimmed();
        return name == "postgres" || name == "postmaster";
    }
#endif
    return true;
#else
    Q_UNUSED(pid);
    return true; // let pg_ctl decide
#endif
}

QString randomPassword()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString runuserPath()
{
    const QString found = QStandardPaths::findExecutable(
        QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                    QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
    return found.isEmpty() ? QStringLiteral("runuser") : found;
}

quint16 freeTcpPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// A value inside pg_ctl's -o string, which a shell parses.
QString shellQuote(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

PostgresCluster::PostgresCluster(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_options.rootDir = QDir::cleanPath(QDir(m_options.rootDir).absolutePath());
    m_binDir = findBinDir(m_options.binDir, &m_binDirError);
    m_runAsPostgres = isRoot();

    m_socketDir = m_options.socketDir.isEmpty() ? m_options.rootDir + QStringLiteral("/run")
                                                : QDir::cleanPath(m_options.socketDir);
    if (m_socketDir.toLocal8Bit().size() > kSocketPathMax - 20) {
        const QByteArray hash =
            QCryptographicHash::hash(m_options.rootDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
        m_socketDir = QDir::tempPath() + QStringLiteral("/parametric-pg-") + QString::fromLatin1(hash);
    }
    m_port = m_options.port;
}

PostgresCluster::~PostgresCluster()
{
    if (m_async.isRunning())
        m_async.waitForFinished();
    if (m_options.stopOnDestruction && m_startedByUs)
        stop();
}

QString PostgresCluster::dataDir() const
{
    return m_options.rootDir + QStringLiteral("/data");
}

QString PostgresCluster::logFile() const
{
    return m_options.rootDir + QStringLiteral("/server.log");
}

quint16 PostgresCluster::port() const
{
    std::lock_guard lock(m_mutex);
    return m_port;
}

PostgresCluster::State PostgresCluster::state() const
{
    std::lock_guard lock(m_stateMutex);
    return m_state;
}

QString PostgresCluster::errorString() const
{
    std::lock_guard lock(m_stateMutex);
    return m_error;
}

bool PostgresCluster::isInitialized() const
{
    return QFileInfo::exists(dataDir() + QStringLiteral("/PG_VERSION"));
}

void PostgresCluster::setState(State state, const QString &error)
{
    {
        std::lock_guard lock(m_stateMutex);
        if (state == State::Failed)
            m_error = error;
        else if (state == State::Running)
            m_error.clear();
        if (m_state == state)
            return;
        m_state = state;
    }
    Q_EMIT stateChanged(state);
}

bool PostgresCluster::fail(const QString &message, QString *error)
{
    qCWarning(lcDb).noquote() << "PostgreSQL cluster" << m_options.rootDir << ":" << message;
    setState(State::Failed, message);
    if (error)
        *error = message;
    Q_EMIT failed(message);
    return false;
}

QString PostgresCluster::findBinDir(const QString &preferred, QString *error)
{
    QStringList candidates;
    if (!preferred.isEmpty()) {
        // An explicit choice is not second-guessed.
        if (hasServerBinaries(preferred))
            return QDir::cleanPath(preferred);
        if (error)
            *error = QStringLiteral(
                         "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in %1. "
                         "Install the PostgreSQL server (Debian/Ubuntu: sudo apt-get install postgresql) "
                         "or point to the directory that contains initdb.")
                         .arg(preferred);
        return {};
    }
    const QString env = qEnvironmentVariable("PG_BINDIR");
    if (!env.isEmpty())
        candidates << env;

    QProcess pgConfig;
    pgConfig.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (pgConfig.waitForFinished(3000) && pgConfig.exitStatus() == QProcess::NormalExit &&
        pgConfig.exitCode() == 0)
        candidates << QString::fromLocal8Bit(pgConfig.readAllStandardOutput()).trimmed();

    candidates << versionedDirs(QStringLiteral("/usr/lib/postgresql"), QString(), QStringLiteral("/bin"));
    candidates << versionedDirs(QStringLiteral("/usr"), QStringLiteral("pgsql-"), QStringLiteral("/bin"));
    candidates << versionedDirs(QStringLiteral("/opt/homebrew/opt"), QStringLiteral("postgresql@"),
                                QStringLiteral("/bin"));
    candidates << versionedDirs(QStringLiteral("/usr/local/opt"), QStringLiteral("postgresql@"),
                                QStringLiteral("/bin"));
    candidates << versionedDirs(QStringLiteral("/Applications/Postgres.app/Contents/Versions"), QString(),
                                QStringLiteral("/bin"));
    candidates << versionedDirs(QStringLiteral("C:/Program Files/PostgreSQL"), QString(),
                                QStringLiteral("/bin"));
    if (QCoreApplication::instance()) {
        const QString appDir = QCoreApplication::applicationDirPath();
        candidates << appDir << appDir + QStringLiteral("/postgresql/bin")
                   << appDir + QStringLiteral("/../lib/parametric-icons/postgresql/bin");
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!onPath.isEmpty())
        candidates << QFileInfo(onPath).absolutePath();

    for (const QString &dir : std::as_const(candidates)) {
        if (hasServerBinaries(dir))
            return QDir::cleanPath(dir);
    }
    if (error)
        *error = QStringLiteral(
            "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found (looked at $PG_BINDIR, "
            "pg_config --bindir, /usr/lib/postgresql/*/bin, the program's directory and PATH). Install the "
            "PostgreSQL server (Debian/Ubuntu: sudo apt-get install postgresql; Fedora: sudo dnf install "
            "postgresql-server; macOS: brew install postgresql) or set PG_BINDIR to the directory that "
            "contains initdb.");
    return {};
}

QString PostgresCluster::tool(const QString &name) const
{
    return QDir(m_binDir).filePath(exe(name));
}

PostgresCluster::ProcessResult PostgresCluster::runTool(const QString &toolName, const QStringList &arguments,
                                                        int timeoutMs) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setWorkingDirectory(QDir(m_options.rootDir).exists() ? m_options.rootDir : QDir::tempPath());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGOPTIONS"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    process.setProcessEnvironment(env);

    if (m_runAsPostgres) {
        process.start(runuserPath(), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                 QStringLiteral("--"), tool(toolName)} +
                                         arguments);
    } else {
        process.start(tool(toolName), arguments);
    }

    ProcessResult result;
    if (!process.waitForStarted(10000)) {
        result.output = process.errorString();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        result.output = QString::fromLocal8Bit(process.readAll()) + QStringLiteral("\n(timed out)");
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return result;
}

QString PostgresCluster::logTail(int lines) const
{
    QFile file(logFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (file.size() > 16384)
        file.seek(file.size() - 16384);
    QStringList all = QString::fromLocal8Bit(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(qMax(0, all.size() - lines)).join(QLatin1Char('\n'));
}

void PostgresCluster::chownToServerUser(const QString &path) const
{
#ifdef Q_OS_UNIX
    if (!m_runAsPostgres)
        return;
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return;
    if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0)
        qCWarning(lcDb).noquote() << "cannot chown" << path << "to postgres";
#else
    Q_UNUSED(path);
#endif
}

bool PostgresCluster::prepareDirectories(QString *error)
{
#ifdef Q_OS_UNIX
    if (m_runAsPostgres && !::getpwnam("postgres"))
        return fail(
            QStringLiteral("running as root, PostgreSQL must run as the 'postgres' system user, which "
                           "does not exist (Debian/Ubuntu: sudo apt-get install postgresql creates it)"),
            error);
#endif
    for (const QString &dir : {m_options.rootDir, m_socketDir}) {
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create the directory %1").arg(dir), error);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        chownToServerUser(dir);
    }
    if (m_runAsPostgres) {
        // The postgres user must reach the directory: one under /root, for instance, is not reachable.
        QProcess test;
        test.start(runuserPath(), {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                   QStringLiteral("test"), QStringLiteral("-w"), m_options.rootDir});
        if (!test.waitForFinished(10000) || test.exitStatus() != QProcess::NormalExit || test.exitCode() != 0)
            return fail(
                QStringLiteral("the 'postgres' user cannot write to %1 (it runs the database when this "
                               "program runs as root): choose a directory outside a private home, "
                               "e.g. under /var/lib or /tmp")
                    .arg(m_options.rootDir),
                error);
    }
    return true;
}

bool PostgresCluster::initdb(QString *error)
{
    setState(State::Initializing);
    Q_EMIT progress(tr("Creating the database cluster…"));

    m_password = randomPassword();
    const QString pwFile = m_options.rootDir + QStringLiteral("/.initdb-password");
    {
        QFile f(pwFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write %1: %2").arg(pwFile, f.errorString()), error);
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(m_password.toUtf8() + '\n');
    }
    chownToServerUser(pwFile);

    QStringList args{QStringLiteral("-D"),
                     dataDir(),
                     QStringLiteral("-U"),
                     m_options.superuser,
                     QStringLiteral("--auth-local=trust"),
                     QStringLiteral("--auth-host=scram-sha-256"),
                     QStringLiteral("--pwfile=") + pwFile,
                     QStringLiteral("-E"),
                     QStringLiteral("UTF8")};
    if (m_options.throwaway)
        args << QStringLiteral("--no-sync");
#ifdef Q_OS_LINUX
    ProcessResult result =
        runTool(QStringLiteral("initdb"), args + QStringList{QStringLiteral("--locale=C.UTF-8")}, 120000);
    if (!(result.finished && result.exitCode == 0) &&
        !QFileInfo::exists(dataDir() + QStringLiteral("/PG_VERSION"))) {
        QDir(dataDir()).removeRecursively();
        result = runTool(QStringLiteral("initdb"), args + QStringList{QStringLiteral("--no-locale")}, 120000);
    }
#else
    ProcessResult result =
        runTool(QStringLiteral("initdb"), args + QStringList{QStringLiteral("--no-locale")}, 120000);
#endif
    QFile::remove(pwFile);
    if (!result.finished || result.exitCode != 0) {
        QDir(dataDir()).removeRecursively(); // a half-made cluster would block the next attempt
        return fail(QStringLiteral("initdb failed: %1").arg(result.output.right(2000)), error);
    }

    QFile keep(m_options.rootDir + QStringLiteral("/password"));
    if (!keep.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1: %2").arg(keep.fileName(), keep.errorString()), error);
    keep.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    keep.write(m_password.toUtf8());
    qCInfo(lcDb).noquote() << "initialised PostgreSQL cluster in" << dataDir();
    return true;
}

bool PostgresCluster::handleExistingPidFile(bool *adopted, QString *error)
{
    *adopted = false;
    QFile pidFile(dataDir() + QStringLiteral("/postmaster.pid"));
    if (!pidFile.exists())
        return true;
    // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
    QStringList lines;
    if (pidFile.open(QIODevice::ReadOnly))
        lines = QString::fromLocal8Bit(pidFile.readAll()).split(QLatin1Char('\n'));
    pidFile.close();
    const qint64 pid = lines.value(0).trimmed().toLongLong();
    if (pid > 0 && isLivePostmaster(pid)) {
        const quint16 port = static_cast<quint16>(lines.value(3).trimmed().toUInt());
        const QString socketDir = lines.value(4).trimmed();
        const QString listen = lines.value(5).trimmed();
        const bool tcpMatches = m_options.listenTcp ? !listen.isEmpty() : listen.isEmpty();
        if (socketDir == m_socketDir && tcpMatches && (m_options.port == 0 || m_options.port == port)) {
            m_port = port;
            *adopted = true;
            qCInfo(lcDb).noquote() << "adopting the PostgreSQL server already running on" << dataDir();
            return true;
        }
        // Running with other settings (an older version of us): restart it with ours.
        Q_EMIT progress(tr("Restarting the database with new settings…"));
        return stopLocked(error);
    }
    qCInfo(lcDb).noquote() << "removing stale postmaster.pid (pid" << pid << "is not a running server)";
    if (!QFile::remove(pidFile.fileName()))
        return fail(QStringLiteral("cannot remove the stale %1").arg(pidFile.fileName()), error);
    // The socket lock file carries the same stale PID.
    const QDir sockets(m_socketDir);
    for (const QString &lock :
         sockets.entryList({QStringLiteral(".s.PGSQL.*")}, QDir::Files | QDir::System | QDir::Hidden))
        QFile::remove(sockets.filePath(lock));
    return true;
}

bool PostgresCluster::start(QString *error)
{
    std::lock_guard lock(m_mutex);
    return startLocked(error);
}

bool PostgresCluster::startLocked(QString *error)
{
    if (m_binDir.isEmpty())
        return fail(m_binDirError, error);
    if (!prepareDirectories(error))
        return false;

    QFile passwordFile(m_options.rootDir + QStringLiteral("/password"));
    if (passwordFile.open(QIODevice::ReadOnly))
        m_password = QString::fromUtf8(passwordFile.readAll()).trimmed();

    if (!isInitialized() && !initdb(error))
        return false;

    bool adopted = false;
    if (!handleExistingPidFile(&adopted, error))
        return false;
    if (adopted) {
        m_startedByUs = true;
        setState(State::Running);
        Q_EMIT started();
        return true;
    }

    setState(State::Starting);
    Q_EMIT progress(tr("Starting the database…"));
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (m_options.port != 0)
            m_port = m_options.port;
        else if (m_options.listenTcp)
            m_port = freeTcpPort();
        else
            m_port = 5432; // the socket directory is private, so no other server shares the name
        if (m_port == 0)
            return fail(QStringLiteral("no free TCP port on 127.0.0.1"), error);

        QStringList serverOptions{
            QStringLiteral("-p %1").arg(m_port),
            QStringLiteral("-c unix_socket_directories=%1").arg(shellQuote(m_socketDir)),
            QStringLiteral("-c unix_socket_permissions=0700"),
            QStringLiteral("-c listen_addresses=%1")
                .arg(shellQuote(m_options.listenTcp ? QStringLiteral("127.0.0.1") : QString())),
        };
        if (m_options.throwaway)
            serverOptions << QStringLiteral("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");

        const ProcessResult result =
            runTool(QStringLiteral("pg_ctl"),
                    {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-w"),
                     QStringLiteral("-t"), QString::number(m_options.startTimeoutSeconds),
                     QStringLiteral("-o"), serverOptions.join(QLatin1Char(' ')), QStringLiteral("start")},
                    (m_options.startTimeoutSeconds + 15) * 1000);
        if (result.finished && result.exitCode == 0) {
            m_startedByUs = true;
            qCInfo(lcDb).noquote() << "PostgreSQL running on" << m_socketDir << "port" << m_port;
            setState(State::Running);
            Q_EMIT started();
            return true;
        }
        const QString log = logTail();
        // A TCP port taken between choosing it and binding it: choose again.
        if (m_options.listenTcp && m_options.port == 0 && log.contains(QLatin1String("could not bind")))
            continue;
        return fail(QStringLiteral("PostgreSQL did not start: %1\n%2").arg(result.output.right(1000), log),
                    error);
    }
    return fail(QStringLiteral("PostgreSQL did not start: no usable port"), error);
}

bool PostgresCluster::stop(QString *error)
{
    std::lock_guard lock(m_mutex);
    return stopLocked(error);
}

bool PostgresCluster::stopLocked(QString *error)
{
    if (!QFileInfo::exists(dataDir() + QStringLiteral("/postmaster.pid"))) {
        m_startedByUs = false;
        setState(State::Stopped);
        return true;
    }
    setState(State::Stopping);
    Q_EMIT progress(tr("Stopping the database…"));
    ProcessResult result =
        runTool(QStringLiteral("pg_ctl"),
                {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                 QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("stop")},
                45000);
    if (!result.finished || result.exitCode != 0) {
        qCWarning(lcDb).noquote() << "fast shutdown failed, using immediate:" << result.output;
        result = runTool(QStringLiteral("pg_ctl"),
                         {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                          QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"),
                          QStringLiteral("stop")},
                         45000);
        // "PID file does not exist" / "Is server running?": it is not running, which is the goal.
        if ((!result.finished || result.exitCode != 0) &&
            QFileInfo::exists(dataDir() + QStringLiteral("/postmaster.pid")))
            return fail(QStringLiteral("PostgreSQL did not stop: %1").arg(result.output), error);
    }
    m_startedByUs = false;
    setState(State::Stopped);
    Q_EMIT stopped();
    return true;
}

bool PostgresCluster::restart(QString *error)
{
    std::lock_guard lock(m_mutex);
    return stopLocked(error) && startLocked(error);
}

void PostgresCluster::startAsync()
{
    if (m_async.isRunning())
        return;
    m_async = QtConcurrent::run([this] { start(); });
}

bool PostgresCluster::isRunning() const
{
    const ProcessResult result =
        runTool(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("status")}, 15000);
    return result.finished && result.exitCode == 0;
}

DatabaseSettings PostgresCluster::settings(const QString &database) const
{
    DatabaseSettings s;
    s.host = m_socketDir;
    s.port = port();
    s.name = database;
    s.user = m_options.superuser;
    s.password = m_password;
    return s;
}

DatabaseSettings PostgresCluster::tcpSettings(const QString &database) const
{
    DatabaseSettings s = settings(database);
    s.host = QStringLiteral("127.0.0.1");
    return s;
}
