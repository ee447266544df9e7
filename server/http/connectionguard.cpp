#include "http/connectionguard.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUuid>

namespace {

constexpr char kGuardProperty[] = "parametric_connection_guard";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, HeaderSource commonHeaders)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_commonHeaders(std::move(commonHeaders))
{
    socket->setProperty(kGuardProperty, QVariant::fromValue<QObject *>(this));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QHttpServer connects its own slot, so we see every byte first.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    rearmTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return qobject_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>());
}

void ConnectionGuard::responseWritten()
{
    if (m_awaitingAnswers > 0)
        --m_awaitingAnswers;
    rearmTimer();
}

void ConnectionGuard::onReadyRead()
{
    if (m_rejected) {
        m_socket->readAll(); // discard whatever the client still sends while we close
        return;
    }
    // QHttpServer consumes everything available in its own slot, so what is unread now is new.
    const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
    consume(chunk.constData(), chunk.size());
    if (!m_rejected)
        rearmTimer();
}

void ConnectionGuard::consume(const char *data, qint64 size)
{
    qint64 i = 0;
    while (i < size && !m_rejected) {
        switch (m_phase) {
        case Phase::Headers: {
            // Copy up to the end of the header block, never more than the cap allows.
            const qint64 room = qint64(m_limits.maxHeaderBytes) + 1 - m_headerBuffer.size();
            const qint64 take = qMin(size - i, room);
            const qint64 before = m_headerBuffer.size();
            m_headerBuffer.append(data + i, take);
            // Leading empty lines between keep-alive requests are allowed by RFC 9112.
            while (m_headerBuffer.startsWith("\r\n"))
                m_headerBuffer.remove(0, 2);
            const qint64 end = m_headerBuffer.indexOf("\r\n\r\n");
            if (end < 0) {
                const qint64 lineEnd = m_headerBuffer.indexOf("\r\n");
                if ((lineEnd < 0 ? m_headerBuffer.size() : lineEnd) > m_limits.maxRequestLineBytes) {
                    reject(414, "uri_too_long", QStringLiteral("The request line is too long."),
                           "UriTooLong");
                    return;
                }
                if (m_headerBuffer.size() > m_limits.maxHeaderBytes) {
                    reject(431, "header_too_large", QStringLiteral("The request headers are too large."),
                           "RequestHeaderFieldsTooLarge");
                    return;
                }
                i += take;
                break;
            }
            if (m_headerBuffer.indexOf("\r\n") > m_limits.maxRequestLineBytes) {
                reject(414, "uri_too_long", QStringLiteral("The request line is too long."), "UriTooLong");
                return;
            }
            // Bytes of this chunk that belonged to the header block; the rest starts the body.
            const qint64 used = qMax<qint64>(0, end + 4 - before);
            i += qMin(used, take);
            m_headerBuffer.truncate(end + 4);
            if (!headersComplete())
                return;
            break;
        }
        case Phase::Body: {
            const qint64 take = qMin(size - i, m_bodyRemaining);
            m_bodyRemaining -= take;
            i += take;
            if (m_bodyRemaining == 0)
                requestComplete();
            break;
        }
        case Phase::ChunkSize:
        case Phase::Trailers: {
            const char c = data[i++];
            m_lineBuffer.append(c);
            if (m_lineBuffer.size() > 4096) {
                reject(400, "bad_request", QStringLiteral("The chunked body is malformed."),
                       "ValidationError");
                return;
            }
            if (!m_lineBuffer.endsWith("\r\n"))
                break;
            const QByteArray line = m_lineBuffer.chopped(2);
            m_lineBuffer.clear();
            if (m_phase == Phase::Trailers) {
                if (line.isEmpty())
                    requestComplete();
                break;
            }
            bool ok = false;
            const qint64 chunk = line.split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || chunk < 0) {
                reject(400, "bad_request", QStringLiteral("The chunked body is malformed."),
                       "ValidationError");
                return;
            }
            m_bodyTotal += chunk;
            if (m_bodyTotal > m_limits.maxBodyBytes) {
                reject(413, "payload_too_large",
                       QStringLiteral("The request body exceeds the limit of %1 bytes.")
                           .arg(m_limits.maxBodyBytes),
                       "PayloadTooLarge");
                return;
            }
            m_chunkRemaining = chunk;
            m_phase = chunk == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qint64 take = qMin(size - i, m_chunkRemaining);
            m_chunkRemaining -= take;
            i += take;
            if (m_chunkRemaining == 0) {
                m_phase = Phase::ChunkDataEnd;
                m_lineBuffer.clear();
            }
            break;
        }
        case Phase::ChunkDataEnd: {
            m_lineBuffer.append(data[i++]);
            if (m_lineBuffer.size() == 2) {
                if (m_lineBuffer != "\r\n") {
                    reject(400, "bad_request", QStringLiteral("The chunked body is malformed."),
                           "ValidationError");
                    return;
                }
                m_lineBuffer.clear();
                m_phase = Phase::ChunkSize;
            }
            break;
        }
        }
    }
}

bool ConnectionGuard::headersComplete()
{
    const QList<QByteArray> lines = m_headerBuffer.split('\n');
    QList<QByteArray> contentLengths;
    bool chunked = false;
    bool hasTransferEncoding = false;
    bool expectContinue = false;
    m_origin.clear();
    m_requestId.clear();
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray line = lines.at(n).trimmed();
        const int colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            contentLengths.append(value);
        } else if (name == "transfer-encoding") {
            hasTransferEncoding = true;
            chunked = value.toLower().endsWith("chunked");
        } else if (name == "expect") {
            expectContinue = value.toLower() == "100-continue";
        } else if (name == "origin") {
            m_origin = value;
        } else if (name == "x-request-id") {
            m_requestId = value;
        }
    }
    m_headerBuffer.clear();
    m_bodyTotal = 0;

    if (hasTransferEncoding && !contentLengths.isEmpty()) {
        reject(400, "bad_request",
               QStringLiteral("Send either Content-Length or Transfer-Encoding, not both."),
               "ValidationError");
        return false;
    }
    if (hasTransferEncoding && !chunked) {
        reject(501, "not_implemented", QStringLiteral("Only chunked transfer encoding is supported."),
               "NotImplementedError");
        return false;
    }
    qint64 length = 0;
    if (!contentLengths.isEmpty()) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
        for (const QByteArray &v : contentLengths) {
            if (v != contentLengths.constFirst() || !digits.match(QString::fromLatin1(v)).hasMatch()) {
                reject(400, "bad_request", QStringLiteral("The Content-Length header is invalid."),
                       "ValidationError");
                return false;
            }
        }
        length = contentLengths.constFirst().toLongLong();
    }
    if (length > m_limits.maxBodyBytes) {
        reject(413, "payload_too_large",
               QStringLiteral("The request body exceeds the limit of %1 bytes.").arg(m_limits.maxBodyBytes),
               "PayloadTooLarge");
        return false;
    }
    if (expectContinue && (chunked || length > 0))
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");

    if (chunked) {
        m_phase = Phase::ChunkSize;
        m_lineBuffer.clear();
    } else if (length > 0) {
        m_phase = Phase::Body;
        m_bodyRemaining = length;
    } else {
        requestComplete();
    }
    return true;
}

void ConnectionGuard::requestComplete()
{
    m_phase = Phase::Headers;
    ++m_awaitingAnswers;
}

void ConnectionGuard::reject(int status, const QByteArray &code, const QString &message,
                             const QByteArray &tag)
{
    m_rejected = true;
    m_timer.stop();
    QByteArray requestId = m_requestId;
    static const QRegularExpression safeId(QStringLiteral("^[A-Za-z0-9._\\-]{1,128}$"));
    if (!safeId.match(QString::fromLatin1(requestId)).hasMatch())
        requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray body = QJsonDocument(QJsonObject{
                                              {QStringLiteral("error"), QString::fromLatin1(code)},
                                              {QStringLiteral("message"), message},
                                              {QStringLiteral("requestId"), QString::fromLatin1(requestId)},
                                              {QStringLiteral("_tag"), QString::fromLatin1(tag)},
                                          })
                                .toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n";
    out += "X-Request-Id: " + requestId + "\r\n";
    for (const auto &h : m_commonHeaders(m_origin))
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n" + body;
    qCInfo(lcHttp).noquote() << "rejected connection from" << m_socket->peerAddress().toString() << status
                             << QString::fromLatin1(code) << "id" << QString::fromLatin1(requestId);
    // Take the pending bytes away from QHttpServer, answer, and close once the answer is flushed.
    m_socket->readAll();
    m_socket->write(out);
    m_socket->disconnectFromHost();
    // A client that keeps sending after the answer must not keep the socket forever.
    QTimer::singleShot(5000, m_socket, [s = m_socket] { s->abort(); });
}

void ConnectionGuard::rearmTimer()
{
    const bool midRequest = m_phase != Phase::Headers || !m_headerBuffer.isEmpty();
    if (midRequest)
        m_timer.start(m_limits.readTimeoutMs);
    else if (m_awaitingAnswers == 0)
        m_timer.start(m_limits.idleTimeoutMs);
    else
        m_timer.stop(); // an answer is being prepared; that is the server's time, not the client's
}

void ConnectionGuard::onTimeout()
{
    const bool midRequest = m_phase != Phase::Headers || !m_headerBuffer.isEmpty();
    if (midRequest) {
        reject(408, "request_timeout", QStringLiteral("The request was not received in time."),
               "RequestTimeoutError");
        return;
    }
    qCDebug(lcHttp) << "closing idle connection";
    m_socket->disconnectFromHost();
}
