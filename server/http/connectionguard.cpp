#include "http/connectionguard.h"

#include "core/logging.h"
#include "http/response.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUuid>

namespace {

constexpr char kGuardProperty[] = "parametric_connection_guard";
// How long a closing connection may take to flush its last answer to a client that does not read.
constexpr int kCloseGraceMs = 5000;

HttpFraming::Limits framingLimits(const HttpLimits &limits)
{
    HttpFraming::Limits framing;
    framing.maxBodyBytes = limits.maxBodyBytes;
    framing.maxHeaderBytes = limits.maxHeaderBytes;
    framing.maxRequestLineBytes = limits.maxRequestLineBytes;
    return framing;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, HeaderSource commonHeaders)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_commonHeaders(std::move(commonHeaders))
    , m_framing(framingLimits(limits))
{
    socket->setProperty(kGuardProperty, QVariant::fromValue<QObject *>(this));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QHttpServer connects its own slot, so we see every byte first.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    // Until its first byte a new connection is as idle as a kept-alive one.
    m_timer.start(m_limits.idleTimeoutMs);
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return qobject_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>());
}

void ConnectionGuard::watchAfterServer()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::afterServerRead);
}

void ConnectionGuard::afterServerRead()
{
    // QHttpServer 6.4 parses one request per readyRead and re-emits readyRead for the rest: whatever
    // it left in the buffer now, the guard has already parsed (or, when pipelined, will discard).
    m_seenUnread = m_socket->bytesAvailable();
}

void ConnectionGuard::onReadyRead()
{
    if (m_rejected || m_closing) {
        m_socket->readAll(); // discard whatever the client still sends while we close
        return;
    }
    if (m_answerOwed) {
        // The client sent more before its answer: pipelining. QHttpServer already took the owed
        // request (it completes a request in the same readyRead as the guard), so everything left
        // is the next request, which is refused by closing after the answer.
        if (m_socket->bytesAvailable() > 0) {
            markPipelined();
            m_socket->readAll();
            m_seenUnread = 0;
        }
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_seenUnread;
    if (fresh <= 0)
        return; // a re-emitted readyRead for bytes the guard has already parsed
    const QByteArray bytes = m_socket->peek(available);
    m_seenUnread = available;
    consume(bytes.constData() + (bytes.size() - fresh), fresh);
}

void ConnectionGuard::consume(const char *data, qsizetype size)
{
    if (!m_reading)
        startReadDeadline(); // the first byte of a request starts its deadline; later bytes do not move it
    qsizetype offset = 0;
    while (offset < size) {
        const HttpFraming::Step step = m_framing.feed(data + offset, size - offset);
        offset += step.consumed;
        switch (step.event) {
        case HttpFraming::Event::NeedMore:
            return;
        case HttpFraming::Event::HeadComplete:
            if (m_framing.head().expectContinue)
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            break;
        case HttpFraming::Event::Rejected: {
            const HttpFraming::Rejection &r = m_framing.rejection();
            reject(r.status, r.code, r.message, r.tag);
            return;
        }
        case HttpFraming::Event::RequestComplete:
            m_reading = false;
            m_answerOwed = true;
            m_closeAfterAnswer = m_framing.head().wantsClose;
            m_timer.stop(); // preparing the answer is the server's time, not the client's
            if (offset < size)
                markPipelined(); // the rest waits until QHttpServer has taken this request
            return;              // never parse past an owed answer
        }
    }
}

void ConnectionGuard::markPipelined()
{
    if (!m_closeAfterAnswer)
        qCDebug(lcHttp) << "pipelined request refused; closing after the answer";
    m_closeAfterAnswer = true;
    // Bytes waiting behind an owed answer keep the read clock running: a slow answer does not give
    // a pipelining client more time.
    if (!m_reading)
        startReadDeadline();
}

void ConnectionGuard::responseWritten()
{
    m_answerOwed = false;
    if (m_closeAfterAnswer) {
        m_closing = true;
        m_timer.stop();
        m_socket->readAll(); // the refused pipelined bytes
        m_socket->disconnectFromHost();
        QTimer::singleShot(kCloseGraceMs, m_socket, [s = m_socket] { s->abort(); });
        return;
    }
    m_reading = false;
    m_timer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::reject(int status, const QByteArray &code, const QString &message,
                             const QByteArray &tag)
{
    m_rejected = true;
    m_timer.stop();
    QByteArray requestId = m_framing.head().requestId;
    if (!isSafeRequestId(requestId))
        requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray body = QJsonDocument(QJsonObject{
                                              {QStringLiteral("error"), QString::fromLatin1(code)},
                                              {QStringLiteral("message"), message},
                                              {QStringLiteral("requestId"), QString::fromLatin1(requestId)},
                                              {QStringLiteral("_tag"), QString::fromLatin1(tag)},
                                          })
                                .toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + Response::reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n";
    out += "X-Request-Id: " + requestId + "\r\n";
    for (const auto &h : m_commonHeaders(m_framing.head().origin))
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n" + body;
    qCInfo(lcHttp).noquote() << "rejected connection from" << m_socket->peerAddress().toString() << status
                             << QString::fromLatin1(code) << "id" << QString::fromLatin1(requestId);
    // Take the pending bytes away from QHttpServer, answer, and close once the answer is flushed.
    m_socket->readAll();
    m_socket->write(out);
    m_socket->disconnectFromHost();
    // A client that keeps sending after the answer must not keep the socket forever.
    QTimer::singleShot(kCloseGraceMs, m_socket, [s = m_socket] { s->abort(); });
}

void ConnectionGuard::startReadDeadline()
{
    m_reading = true;
    m_timer.start(m_limits.readTimeoutMs);
}

void ConnectionGuard::onTimeout()
{
    if (m_answerOwed) {
        // Pipelined bytes waited longer than a request may take; the owed answer is dropped.
        qCInfo(lcHttp) << "closing a pipelining connection whose answer took longer than the read timeout";
        m_closing = true;
        m_socket->readAll();
        m_socket->disconnectFromHost();
        QTimer::singleShot(kCloseGraceMs, m_socket, [s = m_socket] { s->abort(); });
        return;
    }
    if (m_reading && m_framing.inRequest()) {
        reject(408, "request_timeout", QStringLiteral("The request was not received in time."),
               "RequestTimeoutError");
        return;
    }
    qCDebug(lcHttp) << "closing a connection without a request in progress";
    m_closing = true;
    m_socket->disconnectFromHost();
    QTimer::singleShot(kCloseGraceMs, m_socket, [s = m_socket] { s->abort(); });
}
