#include "appcore.h"

#include "apiclient.h"
#include "apikeymodel.h"
#include "appsettings.h"
#include "authmanager.h"
#include "backend.h"
#include "exporter.h"
#include "historymodel.h"
#include "librarymodel.h"
#include "studio.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QStandardPaths>

namespace {
AppCore *g_instance = nullptr;
}

AppCore::AppCore(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    Q_ASSERT(!g_instance);
    g_instance = this;
    if (m_options.dataDirectory.isEmpty())
        m_options.dataDirectory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(m_options.dataDirectory);

    if (m_options.tokenStore)
        m_store = m_options.tokenStore;
    else if (m_options.useKeychain)
        m_store = std::make_shared<KeychainTokenStore>(QStringLiteral("io.parametric.icons"));
    else
        m_store = std::make_shared<InMemoryTokenStore>();

    std::unique_ptr<QSettings> qsettings;
    if (!m_options.settingsFile.isEmpty())
        qsettings = std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
    m_settings = new AppSettings(std::move(qsettings), this);
    m_settings->setTokenStore(m_store.get());
    if (m_options.serverUrl.isValid() && !m_options.serverUrl.isEmpty())
        m_settings->setServerOverride(m_options.serverUrl);

    m_api = new ApiClient(this);
    m_auth = new AuthManager(m_api, m_store.get(), &m_settings->raw(), this);

    Backend::Options bo;
    bo.serverUrl = m_settings->effectiveServerUrl();
    bo.dataDirectory = m_options.dataDirectory;
    bo.port = m_options.port;
    bo.host = m_options.host;
    bo.headless = m_options.headless;
    m_backend = new Backend(bo, m_api, m_auth, m_settings, this);
    m_studio = new Studio(m_api, m_settings, this);
    m_exporter = new Exporter(this);
    m_apiKeys = new ApiKeyModel(m_api, this);
    m_exporter->setSettings(&m_settings->raw());

    // History cache: one file per server and account, so switching accounts never mixes icons.
    auto updateCache = [this] {
        const bool signedIn = m_auth->signedIn();
        QString file;
        if (signedIn) {
            const QByteArray id = (m_api->baseUrl().toString() + QLatin1Char('|') + m_auth->email()).toUtf8();
            const QString hash =
                QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex().left(16));
            // The integrated server's port changes every start: key its cache by "local" instead.
            const QString name = m_backend->mode() == Backend::Integrated ? QStringLiteral("local") : hash;
            file = QDir(m_options.dataDirectory).filePath(QStringLiteral("cache/history-%1.json").arg(name));
        }
        m_studio->setSignedIn(signedIn, file);
    };
    connect(m_auth, &AuthManager::signedInChanged, this, updateCache);
    // A new key is shown once, to the account that made it: nothing survives a sign-out.
    connect(m_auth, &AuthManager::signedInChanged, this, [this] {
        if (!m_auth->signedIn())
            m_apiKeys->clear();
    });
    connect(m_settings, &AppSettings::historyCacheSizeChanged, this,
            [this] { m_studio->history()->setCacheLimit(m_settings->historyCacheSize()); });
    m_studio->history()->setCacheLimit(m_settings->historyCacheSize());
}

AppCore::~AppCore()
{
    if (g_instance == this)
        g_instance = nullptr;
}

AppCore *AppCore::instance()
{
    if (!g_instance) {
        // QML asked for a singleton before main() made one (Qt Quick tests): a default core that
        // does not start anything by itself.
        Options o;
        o.useKeychain = false;
        new AppCore(o, QCoreApplication::instance());
    }
    return g_instance;
}

void AppCore::start()
{
    m_backend->start();
}

void AppCore::shutdown(std::function<void()> done)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_studio->cancel();
    m_studio->history()->commitPendingRemove();
    m_studio->library()->commitPendingRemove();
    // Give the pending DELETEs a moment on the wire before the local server goes away.
    QTimer::singleShot(m_backend->mode() == Backend::Integrated ? 300 : 0, this,
                       [this, done = std::move(done)] { m_backend->stop(done); });
}

bool AppCore::loadMainWindow(QQmlApplicationEngine &engine)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    engine.loadFromModule("ParametricIcons", "Main");
#else
    engine.load(QUrl(QStringLiteral("qrc:/ParametricIcons/Main.qml")));
#endif
    return !engine.rootObjects().isEmpty();
}
