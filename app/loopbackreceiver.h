#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QTcpServer;
class QTcpSocket;

// The RFC 8252 loopback redirect listener for the native sign-in (security policy NA-9, NA-11, NA-12).
//  - binds 127.0.0.1 on an ephemeral port only when the flow starts; path /callback;
//  - accepts exactly one valid GET callback: the `state` must equal the pending app state. A callback
//    with another state is answered with an error page and otherwise ignored (no token exchange, the
//    real callback can still arrive); a callback carrying `error=` with the right state fails the flow;
//  - after the valid callback every later hit gets an "already handled" page until stop();
//  - other methods → 405, other paths → 404; every page is self-contained with
//    `Referrer-Policy: no-referrer` and `Cache-Control: no-store`;
//  - gives up after the timeout (5 minutes by default).
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    bool start(const QString &expectedState, QString *error = nullptr);
    void stop(); // closes the listener and every connection
    bool isListening() const;
    bool isHandled() const { return m_handled; }
    quint16 port() const;
    QUrl redirectUri() const; // http://127.0.0.1:<port>/callback

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    int remainingMs() const { return m_timer.remainingTime(); } // -1 when not running

Q_SIGNALS:
    void codeReceived(const QString &code); // the one valid callback
    void failed(const QString &message);    // provider error for our state, or timeout
    void rejected(const QString &reason);   // a callback that was not ours (logged, ignored)
    void timedOut();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &reason, const QString &title,
                 const QString &message, bool success, const QByteArray &extraHeaders = {});

    QTcpServer *m_server = nullptr;
    QString m_state;
    bool m_handled = false;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(5)};
    QTimer m_timer;
};
