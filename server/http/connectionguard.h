#pragma once

#include "http/httpserver.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

// Watches one connection's byte stream *before* QHttpServer parses it (its readyRead slot is connected
// first) and enforces what QHttpServer 6.4 cannot: header size (431), request-line size (414), body size
// announced by Content-Length or streamed chunked (413, answered before the body is buffered),
// request smuggling shapes (400), read timeouts for slow clients and idle timeouts for keep-alive.
// Rejections are written directly with the JSON error body and the connection is closed.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    using HeaderSource = std::function<QList<std::pair<QByteArray, QByteArray>>(const QByteArray &origin)>;

    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, HeaderSource commonHeaders);

    static ConnectionGuard *of(QTcpSocket *socket);

    // HttpServer tells the guard when an answer went out, so a connection waiting for a slow
    // answer (icon generation) is never timed out as idle.
    void responseWritten();
    bool isRejected() const { return m_rejected; }

private:
    enum class Phase { Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    void onReadyRead();
    void consume(const char *data, qint64 size);
    bool headersComplete();
    void requestComplete();
    void reject(int status, const QByteArray &code, const QString &message, const QByteArray &tag);
    void rearmTimer();
    void onTimeout();

    QTcpSocket *m_socket;
    const HttpLimits &m_limits;
    HeaderSource m_commonHeaders;
    QTimer m_timer;

    Phase m_phase = Phase::Headers;
    QByteArray m_headerBuffer; // current request's header block (bounded by maxHeaderBytes)
    QByteArray m_lineBuffer;   // chunk-size / trailer line being read
    qint64 m_bodyRemaining = 0;
    qint64 m_bodyTotal = 0;
    qint64 m_chunkRemaining = 0;
    QByteArray m_origin;
    QByteArray m_requestId;
    int m_awaitingAnswers = 0;
    bool m_rejected = false;
};
