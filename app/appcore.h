#pragma once

#include "backend.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class ApiClient;
class ApiKeyModel;
class AppSettings;
class AuthManager;
class Backend;
class Exporter;
class QQmlApplicationEngine;
class QSettings;
class Studio;
class TokenStore;

// Owns the app's C++ objects and wires them; the QML singletons (AppSettings, Auth, Backend, Studio,
// Exporter) are the objects of the one AppCore instance. Created by main() — or lazily with default
// options when QML asks for a singleton first (Qt Quick tests).
class AppCore : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl serverUrl;        // --server / PARAMETRIC_SERVER_URL (overrides Settings)
        QString dataDirectory; // --data-dir; default QStandardPaths::AppDataLocation
        QString settingsFile;  // default: the platform QSettings; tests pass an .ini path
        bool headless = false; // --headless
        quint16 port = 0;      // --port (headless)
        QString host = QStringLiteral("127.0.0.1"); // --host (headless)
        bool useKeychain = true;                    // false → session-only in-memory store (tests)
        std::shared_ptr<TokenStore> tokenStore;     // tests inject their own
    };

    explicit AppCore(Options options, QObject *parent = nullptr);
    ~AppCore() override;

    static AppCore *instance(); // the live instance; creates a default one if there is none

    AppSettings *settings() const { return m_settings; }
    TokenStore *tokenStore() const { return m_store.get(); }
    ApiClient *api() const { return m_api; }
    AuthManager *auth() const { return m_auth; }
    Backend *backend() const { return m_backend; }
    Studio *studio() const { return m_studio; }
    Exporter *exporter() const { return m_exporter; }
    ApiKeyModel *apiKeys() const { return m_apiKeys; }
    const Options &options() const { return m_options; }

    void start(); // starts the backend (integrated or remote)
    // Flushes pending deletes, signs nothing out, stops the server and the cluster; then `done`.
    void shutdown(std::function<void()> done);

    // Loads the main window into `engine` (qrc:/ParametricIcons/Main.qml on 6.4, module on 6.5+).
    static bool loadMainWindow(QQmlApplicationEngine &engine);

private:
    Options m_options;
    std::shared_ptr<TokenStore> m_store;
    AppSettings *m_settings = nullptr;
    ApiClient *m_api = nullptr;
    AuthManager *m_auth = nullptr;
    Backend *m_backend = nullptr;
    Studio *m_studio = nullptr;
    Exporter *m_exporter = nullptr;
    ApiKeyModel *m_apiKeys = nullptr;
    bool m_shuttingDown = false;
};
