#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QUrl>

#include <memory>

class ApiClient;
class ApiServer;
class AppSettings;
class AuthManager;
class PostgresCluster;

// Where the API lives and whether it is up. QML: `Backend` singleton.
//  Integrated mode (no server configured): private PostgreSQL cluster in the data directory →
//  ApiServer in-process on 127.0.0.1:0 with a fresh local-login secret and the Anthropic key from
//  the keychain → local sign-in. Remote mode: the configured URL, then Auth.restoreSession().
// Stopping (quit) shuts the server down and stops the cluster cleanly.
class Backend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(Mode mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged) // "Creating the database…"
    // Indeterminate progress while < 0; otherwise 0..1 across the startup steps.
    Q_PROPERTY(double progress READ progress NOTIFY stateChanged)
    Q_PROPERTY(ErrorKind errorKind READ errorKind NOTIFY stateChanged)
    Q_PROPERTY(QString errorTitle READ errorTitle NOTIFY stateChanged)
    Q_PROPERTY(
        QString errorMessage READ errorMessage NOTIFY stateChanged) // what to do about it, may be multi-line
    Q_PROPERTY(QUrl serverUrl READ serverUrl NOTIFY stateChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged) // false → offline banner (data from cache)
    // "Built-in generator (offline)" or "Anthropic" in integrated mode; empty in remote mode.
    Q_PROPERTY(QString generatorName READ generatorName NOTIFY stateChanged)
    Q_PROPERTY(QString dataDirectory READ dataDirectory CONSTANT)

public:
    enum Mode { Integrated, Remote };
    Q_ENUM(Mode)
    enum State {
        Idle,
        CreatingDatabase,
        StartingDatabase,
        StartingServer,
        SigningIn,
        Connecting,
        Ready,
        Error,
        Stopping
    };
    Q_ENUM(State)
    enum ErrorKind { NoError, PostgresMissing, DatabaseFailed, ServerFailed, ServerUnreachable };
    Q_ENUM(ErrorKind)

    struct Options
    {
        QUrl serverUrl;        // non-empty → remote mode
        QString dataDirectory; // integrated: cluster lives in <dataDirectory>/postgres
        quint16 port = 0;      // integrated server port (0 = ephemeral; --headless --port)
        QString host = QStringLiteral("127.0.0.1");
        bool headless = false; // no local sign-in, serve others
    };

    Backend(Options options, ApiClient *api, AuthManager *auth, AppSettings *settings,
            QObject *parent = nullptr);
    ~Backend() override;
    static Backend *create(QQmlEngine *, QJSEngine *);

    Mode mode() const { return m_options.serverUrl.isEmpty() ? Integrated : Remote; }
    State state() const { return m_state; }
    bool ready() const { return m_state == Ready; }
    QString statusText() const;
    double progress() const;
    ErrorKind errorKind() const { return m_errorKind; }
    QString errorTitle() const { return m_errorTitle; }
    QString errorMessage() const { return m_errorMessage; }
    QUrl serverUrl() const;
    bool online() const;
    QString generatorName() const;
    QString dataDirectory() const { return m_options.dataDirectory; }

    void start();
    // Stops the in-process server and the cluster; `done` runs when both are down.
    void stop(std::function<void()> done);
    ApiServer *server() const { return m_server.get(); } // integrated mode, tests

    Q_INVOKABLE void retry();
    // Switches mode from the error screen or Settings (persisted in AppSettings), then restarts.
    Q_INVOKABLE void useRemoteServer(const QString &url);
    Q_INVOKABLE void useIntegrated();

Q_SIGNALS:
    void modeChanged();
    void stateChanged();
    void onlineChanged();
    void stopped();

private:
    void setState(State s);
    void fail(ErrorKind kind, const QString &title, const QString &message);
    void startCluster();
    void startServer();
    void restartServer(); // Anthropic key changed
    void signIn();

    Options m_options;
    ApiClient *m_api;
    AuthManager *m_auth;
    AppSettings *m_settings;
    State m_state = Idle;
    ErrorKind m_errorKind = NoError;
    QString m_errorTitle;
    QString m_errorMessage;
    QString m_generatorName;
    QByteArray m_localSecret;
    std::unique_ptr<PostgresCluster> m_cluster;
    std::unique_ptr<ApiServer> m_server;
};
