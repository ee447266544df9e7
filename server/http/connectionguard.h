#pragma once

#include "http/httpframing.h"
#include "http/httpserver.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

// Watches one connection's byte stream *before* QHttpServer parses it and enforces what QHttpServer
// 6.4 cannot: the strict request grammar of HttpFraming (so both agree where every request ends),
// header (431), request-line (414) and body (413, before the body is buffered) limits, one request
// at a time, and a read deadline that only progress resets. Rejections are written directly with
// the JSON error body and the connection is closed.
//
// Timing: from the first byte of a request (an empty line before it counts) the whole request must
// arrive within readTimeoutMs; further reads do not extend that, only a complete request does. While
// an answer is owed nothing runs (that is the server's time) unless the client already sent more;
// before the first byte and after each answer the connection may sit idle for idleTimeoutMs.
//
// Pipelining is refused: bytes that arrive while an answer is owed are discarded, the answer carries
// `Connection: close`, and the connection ends once it is written (RFC 9112 §9.3.2: clients retry
// unanswered requests). QHttpServer 6.4 would parse the next request from a re-emitted readyRead and
// answer it as soon as its handler finishes, i.e. before a slower first answer.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    using HeaderSource = std::function<QList<std::pair<QByteArray, QByteArray>>(const QByteArray &origin)>;

    // Must be constructed before QHttpServer connects to the socket (its readyRead slot has to run
    // first); call watchAfterServer() once QHttpServer has connected.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, HeaderSource commonHeaders);

    static ConnectionGuard *of(QTcpSocket *socket);

    // Connects the slot that runs after QHttpServer's on every readyRead, to learn how many of the
    // bytes the guard has seen QHttpServer left unread (so they are never counted twice).
    void watchAfterServer();

    // Whether the answer about to be written must say `Connection: close` (the client asked for it,
    // or pipelined another request).
    bool closesAfterAnswer() const { return m_closeAfterAnswer; }
    // HttpServer tells the guard when an answer went out.
    void responseWritten();
    bool isRejected() const { return m_rejected; }

private:
    void onReadyRead();
    void afterServerRead();
    void consume(const char *data, qsizetype size);
    void markPipelined();
    void reject(int status, const QByteArray &code, const QString &message, const QByteArray &tag);
    void startReadDeadline();
    void onTimeout();

    QTcpSocket *m_socket;
    const HttpLimits &m_limits;
    HeaderSource m_commonHeaders;
    QTimer m_timer;
    HttpFraming m_framing;

    qint64 m_seenUnread = 0;   // bytes the guard parsed that QHttpServer has not read yet
    bool m_answerOwed = false; // a complete request is waiting for its answer
    bool m_closeAfterAnswer = false;
    bool m_reading = false; // the read deadline is running
    bool m_closing = false; // the connection ends once the last answer is flushed
    bool m_rejected = false;
};
