#include "backend.h"
#include "applogging.h"

#include "apiclient.h"
#include "appcore.h"
#include "appsettings.h"
#include "authmanager.h"
#include "integratedserver.h"
#include "net/serverurl.h"

#include "apiserver.h"
#include "db/postgrescluster.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRandomGenerator>

#include <unistd.h>

namespace {

// Where the private cluster lives. As root, PostgreSQL runs as the `postgres` user, which must be able
// to enter every parent directory — not the case under /root. Then the cluster goes to a directory of
// its own under /var/lib, one per data directory.
QString clusterRootFor(const QString &dataDirectory)
{
    const QString wanted = QDir(dataDirectory).filePath(QStringLiteral("postgres"));
    if (::geteuid() != 0)
        return wanted;
    QDir dir(dataDirectory);
    do {
        if (!(QFileInfo(dir.absolutePath()).permissions() & QFileDevice::ExeOther)) {
            const QByteArray key = QCryptographicHash::hash(QDir(dataDirectory).absolutePath().toUtf8(),
                                                            QCryptographicHash::Sha256)
                                       .toHex()
                                       .left(12);
            return QStringLiteral("/var/lib/parametric-icons/%1/postgres").arg(QString::fromLatin1(key));
        }
    } while (dir.cdUp());
    return wanted;
}

} // namespace

namespace {
QByteArray randomSecret()
{
    QByteArray b(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(b.data()),
                                         reinterpret_cast<quint32 *>(b.data() + 32));
    return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

Backend::Backend(Options options, ApiClient *api, AuthManager *auth, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_api(api)
    , m_auth(auth)
    , m_settings(settings)
{
    connect(m_api, &ApiClient::onlineChanged, this, &Backend::onlineChanged);
    connect(m_settings, &AppSettings::anthropicKeyChanged, this, &Backend::restartServer);
}

Backend::~Backend()
{
    m_server.reset();
    if (m_cluster)
        m_cluster->stop();
}

Backend *Backend::create(QQmlEngine *, QJSEngine *)
{
    Backend *b = AppCore::instance()->backend();
    QJSEngine::setObjectOwnership(b, QJSEngine::CppOwnership);
    return b;
}

QString Backend::statusText() const
{
    switch (m_state) {
    case Idle:
        return tr("Starting…");
    case CreatingDatabase:
        return tr("Creating your local database (first start only)…");
    case StartingDatabase:
        return tr("Starting the local database…");
    case StartingServer:
        return tr("Starting the icon server…");
    case SigningIn:
        return tr("Signing in…");
    case Connecting:
        return tr("Connecting to %1…").arg(m_options.serverUrl.toString());
    case Ready:
        return mode() == Integrated ? tr("Local server ready")
                                    : tr("Connected to %1").arg(m_options.serverUrl.host());
    case Error:
        return m_errorTitle;
    case Stopping:
        return tr("Shutting down…");
    }
    return {};
}

double Backend::progress() const
{
    switch (m_state) {
    case CreatingDatabase:
        return -1; // initdb: no meaningful fraction
    case StartingDatabase:
        return 0.3;
    case StartingServer:
        return 0.6;
    case SigningIn:
        return 0.9;
    case Ready:
        return 1;
    default:
        return -1;
    }
}

QUrl Backend::serverUrl() const
{
    return m_api->baseUrl();
}

bool Backend::online() const
{
    return m_api->isOnline();
}

QString Backend::generatorName() const
{
    return mode() == Integrated ? m_generatorName : QString();
}

void Backend::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged();
}

void Backend::fail(ErrorKind kind, const QString &title, const QString &message)
{
    qCWarning(lcBackend).noquote() << title << "-" << message;
    m_errorKind = kind;
    m_errorTitle = title;
    m_errorMessage = message;
    m_state = Error;
    Q_EMIT stateChanged();
}

void Backend::start()
{
    m_errorKind = NoError;
    m_errorTitle.clear();
    m_errorMessage.clear();
    if (mode() == Remote) {
        m_api->setBaseUrl(m_options.serverUrl);
        m_auth->setPersistRefreshToken(true);
        // Ready even when the server is unreachable: the cache is shown and ApiClient reports offline.
        setState(Ready);
        m_auth->restoreSession();
        return;
    }
    m_auth->setPersistRefreshToken(false); // the local session is recreated at every start
    startCluster();
}

void Backend::startCluster()
{
    QString hint;
    const QString binDir = PostgresCluster::findBinDir({}, &hint);
    if (binDir.isEmpty()) {
        fail(PostgresMissing, tr("PostgreSQL is not installed"),
             tr("Parametric Icons keeps your icons in a private PostgreSQL database, but no PostgreSQL "
                "server programs were found.\n\n"
                "Install them (Debian/Ubuntu: sudo apt install postgresql), or set PG_BINDIR to the "
                "folder holding initdb and pg_ctl, then choose Retry.\n\n"
                "Or connect to a Parametric Icons server instead.\n\n%1")
                 .arg(hint));
        return;
    }
    PostgresCluster::Options o;
    o.rootDir = clusterRootFor(m_options.dataDirectory);
    o.binDir = binDir;
    QDir().mkpath(o.rootDir);
    m_cluster = std::make_unique<PostgresCluster>(o);
    setState(m_cluster->isInitialized() ? StartingDatabase : CreatingDatabase);
    connect(m_cluster.get(), &PostgresCluster::started, this, &Backend::startServer, Qt::QueuedConnection);
    connect(
        m_cluster.get(), &PostgresCluster::failed, this,
        [this](const QString &error) {
            fail(DatabaseFailed, tr("The local database did not start"),
                 tr("%1\n\nThe database lives in %2.")
                     .arg(error, QDir::toNativeSeparators(m_cluster->rootDir())));
        },
        Qt::QueuedConnection);
    connect(
        m_cluster.get(), &PostgresCluster::stateChanged, this,
        [this](PostgresCluster::State s) {
            if (s == PostgresCluster::State::Starting && m_state == CreatingDatabase)
                setState(StartingDatabase);
        },
        Qt::QueuedConnection);
    m_cluster->startAsync();
}

void Backend::startServer()
{
    if (m_state == Error || m_state == Stopping || !m_cluster)
        return;
    setState(StartingServer);
    m_settings->readAnthropicKey([this](const QString &key) {
        if (m_state != StartingServer)
            return;
        const ServerConfig config = integratedServerConfig(QProcessEnvironment::systemEnvironment(),
                                                           m_cluster->settings(QStringLiteral("parametric")),
                                                           m_options.host, m_options.port, key);
        m_generatorName = config.value(QStringLiteral("ICON_GENERATOR")) == QLatin1String("anthropic")
                              ? tr("Anthropic Claude")
                              : tr("Built-in generator (offline)");
        m_localSecret = randomSecret();
        ApiServer::Options so;
        so.localLoginSecret = m_localSecret;
        try {
            m_server = std::make_unique<ApiServer>(config, so);
        } catch (const ConfigError &e) {
            fail(ServerFailed, tr("The icon server could not be configured"), QString::fromUtf8(e.what()));
            return;
        }
        QString error;
        if (!m_server->start(&error)) {
            m_server.reset();
            fail(ServerFailed, tr("The icon server did not start"), error);
            return;
        }
        m_api->setBaseUrl(m_server->url());
        qCInfo(lcBackend).noquote() << "in-process server on" << m_server->url().toString();
        if (m_server->isReady())
            signIn();
        else
            connect(m_server.get(), &ApiServer::readyChanged, this, [this](bool ready) {
                if (ready && m_state == StartingServer)
                    signIn();
            });
    });
}

void Backend::signIn()
{
    setState(SigningIn);
    m_auth->signInLocal(m_localSecret, [this](bool ok, const QString &error) {
        if (ok)
            setState(Ready);
        else
            fail(ServerFailed, tr("Could not sign in to the local server"), error);
    });
}

void Backend::restartServer()
{
    if (mode() != Integrated || m_state != Ready || !m_server)
        return;
    // Same port, same database: the signed-in session stays valid, only the generator changes.
    m_options.port = m_server->port();
    m_server->shutdown(1000, [this] {
        QTimer::singleShot(0, this, [this] {
            m_server.reset();
            m_state = Idle;
            startServer();
        });
    });
}

void Backend::stop(std::function<void()> done)
{
    setState(Stopping);
    auto finish = [this, done = std::move(done)] {
        m_server.reset();
        if (m_cluster) {
            QString error;
            if (!m_cluster->stop(&error))
                qCWarning(lcBackend).noquote() << "stopping the database:" << error;
            m_cluster.reset();
        }
        Q_EMIT stopped();
        if (done)
            done();
    };
    if (m_server)
        m_server->shutdown(2000, [this, finish] { QTimer::singleShot(0, this, finish); });
    else
        finish();
}

void Backend::retry()
{
    if (m_state != Error)
        return;
    m_server.reset();
    m_cluster.reset();
    m_state = Idle;
    start();
}

void Backend::useRemoteServer(const QString &url)
{
    const ServerUrl checked = ServerUrl::parse(url);
    if (!checked.isValid()) {
        fail(ServerUnreachable, tr("Invalid server address"), checked.error);
        return;
    }
    const QUrl u = checked.url;
    m_settings->setServerUrl(u.toString());
    m_settings->setServerMode(QStringLiteral("remote"));
    m_auth->signOut();
    stop([this, u] {
        m_options.serverUrl = u;
        Q_EMIT modeChanged();
        m_state = Idle;
        start();
    });
}

void Backend::useIntegrated()
{
    m_settings->setServerMode(QStringLiteral("integrated"));
    if (mode() == Integrated && m_state != Error)
        return;
    m_auth->signOut();
    stop([this] {
        m_options.serverUrl.clear();
        Q_EMIT modeChanged();
        m_state = Idle;
        start();
    });
}
