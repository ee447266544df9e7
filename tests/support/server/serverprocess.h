#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

struct DatabaseSettings;

// One real parametric-server process (`binary serve`). Its merged output goes to a file, not a pipe:
// a test blocked on a socket does not drain a pipe, and a server blocked writing its log to a full
// pipe stops answering (pipes can be as small as one page when the user holds many).
//
//   ServerProcess server(PARAMETRIC_SERVER_BINARY);
//   QVERIFY2(server.start(env, &error), qPrintable(error));
class ServerProcess
{
public:
    enum class WaitFor { Listening, Ready };

    explicit ServerProcess(QString binary);
    ~ServerProcess() { stop(); }

    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Starts the process and waits (event loop, up to 30 s) until it logs its URL and, with
    // WaitFor::Ready, until /api/health/readiness answers 200. False with the output on failure.
    bool start(const QProcessEnvironment &env, QString *error, WaitFor waitFor = WaitFor::Ready,
               const QStringList &extraArguments = {});
    // SIGTERM (graceful), then SIGKILL after 20 s. Returns the exit code, -1 after a crash or a kill.
    int stop();

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    qint64 pid() const { return m_process.processId(); }
    QByteArray log() const; // everything the server printed so far

    // The environment a test server process needs besides the domain variables: PATH, the
    // listening address (127.0.0.1, any port) and POSTGRES_* for `database`.
    static QProcessEnvironment baseEnvironment(const DatabaseSettings &database);

private:
    QString m_binary;
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};
