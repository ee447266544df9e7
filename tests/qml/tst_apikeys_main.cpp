// Qt Quick Test runner for the Settings → API keys section (qml/components/ApiKeysSection.qml) with
// the real ApiKeyModel against the real in-process server (throwaway PostgreSQL), signed in as the
// integrated mode's local user. Runs tests/qml/apikeys/ApiKeysSectionTest.qml with these context
// properties:
//   realApiKeys    the ApiKeyModel under test
//   testServerUrl  the server's URL
//   probe          generate(key) → HTTP status of POST /api/icons with X-API-Key; clipboardText()
#include "apiclient.h"
#include "apikeymodel.h"
#include "localsignin.h"
#include "quicktestsetup.h"

#include "server/httpclient.h"
#include "testserver.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QSignalSpy>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

namespace {
const QByteArray Secret = "api-keys-section-test-local-secret";
}

class Probe : public QObject
{
    Q_OBJECT
public:
    explicit Probe(QUrl server, QObject *parent = nullptr)
        : QObject(parent)
        , m_server(std::move(server))
    {}

    Q_INVOKABLE int generate(const QString &key)
    {
        HttpClient http(m_server);
        return http
            .postJson(QStringLiteral("/api/icons"),
                      {{QStringLiteral("prompt"), QStringLiteral("offset curve")}},
                      {{"X-API-Key", key.toLatin1()}})
            .status;
    }
    Q_INVOKABLE QString clipboardText() const { return QGuiApplication::clipboard()->text(); }

private:
    QUrl m_server;
};

class Setup : public QuickTestSetup
{
    Q_OBJECT
public slots:
    void applicationAvailable() override
    {
        QuickTestSetup::applicationAvailable();

        ApiServerOptions serverOptions;
        serverOptions.localLoginSecret = Secret;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")},
                                  {QStringLiteral("API_KEYS_MAX_PER_USER"), QStringLiteral("2")}},
            serverOptions, TestServer::freshDatabase(QStringLiteral("apikeys_section")));
        if (!m_server->start())
            qFatal("test server: %s", qPrintable(m_server->error()));
        m_api = new ApiClient(this);
        m_api->setBaseUrl(m_server->url());
        if (!signInLocally(*m_api, Secret))
            qFatal("local sign-in failed");
        m_model = new ApiKeyModel(m_api, this);
        m_probe = new Probe(m_server->url(), this);
    }
    void qmlEngineAvailable(QQmlEngine *engine) override
    {
        QuickTestSetup::qmlEngineAvailable(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("realApiKeys"), m_model);
        engine->rootContext()->setContextProperty(QStringLiteral("testServerUrl"),
                                                  m_server->url().toString());
        engine->rootContext()->setContextProperty(QStringLiteral("probe"), m_probe);
    }
    void cleanupTestCase() override
    {
        delete m_model;
        m_model = nullptr;
        m_server.reset();
        QuickTestSetup::cleanupTestCase();
    }

private:
    std::unique_ptr<TestServer> m_server;
    ApiClient *m_api = nullptr;
    ApiKeyModel *m_model = nullptr;
    Probe *m_probe = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(parametric_apikeys, Setup)

#include "tst_apikeys_main.moc"
