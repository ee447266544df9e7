#pragma once

#include "http/router.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>

#include <atomic>
#include <functional>

class ConnectionGuard;
class QTcpSocket;

// Limits QHttpServer 6.4 lacks; enforced by ConnectionGuard on the raw byte stream.
struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int maxRequestLineBytes = 8 * 1024;
    int readTimeoutMs = 15000; // a request that has started must keep arriving
    int idleTimeoutMs = 75000; // keep-alive connection with nothing in flight
    int maxConnections = 1024;
};

// Whether a client's X-Request-Id may be echoed back and logged: 1-128 characters of [A-Za-z0-9._-].
bool isSafeRequestId(QByteArrayView id);

// Accepts TCP connections and attaches a ConnectionGuard to each socket before QHttpServer reads it.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    GuardedTcpServer(
        const HttpLimits &limits,
        std::function<QList<std::pair<QByteArray, QByteArray>>(const QByteArray &origin)> commonHeaders,
        QObject *parent = nullptr);

    int openConnections() const { return m_open; }
    void closeAll();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    const HttpLimits &m_limits;
    std::function<QList<std::pair<QByteArray, QByteArray>>(const QByteArray &)> m_commonHeaders;
    int m_open = 0;
    QList<QPointer<QTcpSocket>> m_sockets;
};

// Our QAbstractHttpServer: every request goes through Router (404/405/OPTIONS), every answer gets
// CORS, security headers and X-Request-Id, and is written through the disconnect-safe Reply path.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpServer(Router &router, HttpLimits limits, QStringList corsOrigins, QObject *parent = nullptr);
    ~HttpServer() override;

    // Returns the bound port, 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    void stopListening();
    void closeAllConnections();
    int inFlight() const { return m_inFlight.load(); }
    int openConnections() const;
    const HttpLimits &limits() const { return m_limits; }

    // Headers every answer carries (security headers, CORS for an allowed Origin).
    QList<std::pair<QByteArray, QByteArray>> commonHeaders(const QByteArray &origin) const;

Q_SIGNALS:
    void requestFinished(); // an answer was written or dropped (for graceful shutdown)

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&responder) override;
#endif

private:
    void handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder);
    void dispatch(const Request &request, const Reply &reply, bool headOnly);

    Router &m_router;
    HttpLimits m_limits;
    QList<QByteArray> m_corsOrigins;
    QList<QPointer<GuardedTcpServer>> m_listeners;
    std::atomic<int> m_inFlight{0};
};
