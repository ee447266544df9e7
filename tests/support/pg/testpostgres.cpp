#include "pg/testpostgres.h"

#include "db/migrator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#include <unistd.h>
#endif

namespace {

const QString kPrefix = QStringLiteral("parametric-testpg-");
TestPostgres *g_instance = nullptr;
std::mutex g_mutex;

bool processAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
#else
    Q_UNUSED(pid);
    return true;
#endif
}

void atExit()
{
    std::lock_guard lock(g_mutex);
    delete g_instance;
    g_instance = nullptr;
}

QString shQuote(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

TestPostgres &TestPostgres::instance()
{
    std::lock_guard lock(g_mutex);
    if (!g_instance) {
        auto *created = new TestPostgres;
        g_instance = created;
        std::atexit(atExit);
    }
    return *g_instance;
}

TestPostgres::TestPostgres()
{
    removeStaleClusters();

    // Named after our PID so a later process can tell whether the owner is gone.
    const QString base = QDir::tempPath() + QLatin1Char('/') + kPrefix +
                         QString::number(QCoreApplication::applicationPid()) + QStringLiteral("-XXXXXX");
    QTemporaryDir dir(base);
    if (!dir.isValid())
        throw std::runtime_error("TestPostgres: cannot create a temporary directory");
    dir.setAutoRemove(false);
    m_root = dir.path();

    PostgresCluster::Options options;
    options.rootDir = m_root;
    options.throwaway = true;
    options.stopOnDestruction = false; // shutdown() stops and deletes explicitly
    m_cluster = std::make_unique<PostgresCluster>(options);
    startWatchdog();

    QString error;
    if (!m_cluster->start(&error)) {
        shutdown();
        throw std::runtime_error(("TestPostgres: " + error).toStdString());
    }
}

TestPostgres::~TestPostgres()
{
    shutdown();
}

void TestPostgres::shutdown()
{
    if (!m_cluster)
        return;
    // Immediate is enough for a throwaway cluster and takes a fraction of a fast shutdown.
    QProcess stopper;
    const QString pgCtl = QDir(m_cluster->binDir()).filePath(QStringLiteral("pg_ctl"));
    const QStringList args{QStringLiteral("-D"),        m_cluster->dataDir(), QStringLiteral("-m"),
                           QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")};
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        stopper.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                             QStringLiteral("--"), pgCtl} +
                                                     args);
    else
#endif
        stopper.start(pgCtl, args);
    stopper.waitForFinished(30000);
    m_cluster.reset();
    QDir(m_root).removeRecursively();
}

void TestPostgres::startWatchdog()
{
#ifdef Q_OS_UNIX
    // Outlives a crashed or killed test process: waits for it to disappear, then stops the cluster
    // and removes the directory. Harmless after a normal exit (nothing left to stop).
    const QString pgCtl = QDir(m_cluster->binDir()).filePath(QStringLiteral("pg_ctl"));
    const QString run = ::geteuid() == 0 ? QStringLiteral("runuser -u postgres -- ") : QString();
    const QString script =
        QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 1; done; "
                       "if [ -f %2/postmaster.pid ]; then %3%4 -D %2 -m immediate -w stop; fi; rm -rf %5")
            .arg(QCoreApplication::applicationPid())
            .arg(shQuote(m_cluster->dataDir()), run, shQuote(pgCtl), shQuote(m_root));
    QProcess watchdog;
    watchdog.setProgram(QStringLiteral("/bin/sh"));
    watchdog.setArguments({QStringLiteral("-c"), script});
    watchdog.setStandardInputFile(QProcess::nullDevice());
    watchdog.setStandardOutputFile(QProcess::nullDevice());
    watchdog.setStandardErrorFile(QProcess::nullDevice());
    watchdog.setWorkingDirectory(QDir::tempPath());
    watchdog.startDetached();
#endif
}

void TestPostgres::removeStaleClusters()
{
    static const QRegularExpression pattern(QStringLiteral("^") + kPrefix + QStringLiteral("(\\d+)-"));
    const QDir tmp(QDir::tempPath());
    for (const QString &entry :
         tmp.entryList({kPrefix + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto match = pattern.match(entry);
        if (!match.hasMatch() || processAlive(match.captured(1).toLongLong()))
            continue;
        PostgresCluster::Options options;
        options.rootDir = tmp.filePath(entry);
        options.stopOnDestruction = false;
        PostgresCluster stale(options);
        stale.stop();
        QDir(options.rootDir).removeRecursively();
    }
}

DatabaseSettings TestPostgres::maintenanceSettings() const
{
    DatabaseSettings s = m_cluster->settings(QStringLiteral("postgres"));
    s.applicationName = QStringLiteral("parametric-test");
    return s;
}

DatabaseSettings TestPostgres::createEmptyDatabase(const QString &name)
{
    QString clean = name.toLower();
    clean.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    int n;
    {
        std::lock_guard lock(g_mutex);
        n = ++m_counter;
    }
    DatabaseSettings s = maintenanceSettings();
    s.name = QStringLiteral("t_%1_%2").arg(clean.left(40)).arg(n);
    Migrator::ensureDatabaseExists(s);
    return s;
}

DatabaseSettings TestPostgres::createFreshDatabase(const QString &name, const QString &migrationsDir)
{
    DatabaseSettings s = createEmptyDatabase(name);
    Migrator(migrationsDir).migrate(s);
    return s;
}

bool TestPostgres::stop(QString *error)
{
    return m_cluster->stop(error);
}

bool TestPostgres::start(QString *error)
{
    return m_cluster->start(error);
}
