#include "http/httpserver.h"

#include "core/logging.h"
#include "http/apierror.h"
#include "http/connectionguard.h"
#include "http/replystate.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUuid>

#include <cstring>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

// Request ids need to be unique, not secret: a random per-process prefix and a counter, which costs
// nothing per request (a UUID per request would read the system's random source every time).
QByteArray validRequestId(const QByteArray &incoming)
{
    if (isSafeRequestId(incoming))
        return incoming;
    static const QByteArray prefix = QUuid::createUuid().toByteArray(QUuid::Id128).left(12) + '-';
    static std::atomic<quint64> counter{0};
    return prefix + QByteArray::number(++counter, 16).rightJustified(8, '0');
}

const QByteArray kAllowedMethods = "GET, POST, PATCH, DELETE, OPTIONS";
const QByteArray kAllowedHeaders = "Content-Type, Authorization, X-API-Key, X-Request-Id";
const QByteArray kExposedHeaders = "X-Request-Id, Retry-After, WWW-Authenticate, Content-Disposition";

constexpr qsizetype kSeparateBodyBytes = 16 * 1024;

void writeResponse(QHttpServerResponder &responder, const Response &response,
                   QList<std::pair<QByteArray, QByteArray>> headers, bool headOnly)
{
    // Response headers override the common ones (e.g. Referrer-Policy: no-referrer on a redirect).
    for (const auto &h : response.headers) {
        bool replaced = false;
        for (auto &existing : headers) {
            if (existing.first.compare(h.first, Qt::CaseInsensitive) == 0) {
                existing.second = h.second;
                replaced = true;
            }
        }
        if (!replaced)
            headers.append(h);
    }
    // Content-Type and Content-Length come first.
    QList<std::pair<QByteArray, QByteArray>> framing;
    if (!response.contentType.isEmpty()) {
        const bool needsCharset =
            (response.contentType == "application/json" || response.contentType.startsWith("text/")) &&
            !response.contentType.contains("charset");
        framing.append(
            {"Content-Type", needsCharset ? response.contentType + "; charset=utf-8" : response.contentType});
    }
    if (response.status != 204 && response.status != 304)
        framing.append({"Content-Length", QByteArray::number(response.body.size())});
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    // QHttpServerResponder 6.4 is a thin writer over the socket that makes four QIODevice::write
    // calls per header and nine for the status line: about a sixth of what a small answer cost this
    // process. The same bytes go out in one write, copied into one buffer of the exact size.
    const QByteArray code = QByteArray::number(response.status);
    const QByteArrayView reason(Response::reasonPhrase(response.status));
    // A large body goes out as its own write: QIODevice keeps a written QByteArray by reference,
    // so a page of icons is not copied again on its way to the socket.
    const bool separateBody = !headOnly && response.body.size() > kSeparateBodyBytes;
    const QByteArrayView body = headOnly || separateBody ? QByteArrayView() : QByteArrayView(response.body);
    qsizetype size = 9 + code.size() + 1 + reason.size() + 2 + 2 + body.size();
    for (const auto *list : {&framing, &headers}) {
        for (const auto &h : *list)
            size += h.first.size() + 2 + h.second.size() + 2;
    }
    QByteArray out(size, Qt::Uninitialized);
    char *at = out.data();
    const auto put = [&at](QByteArrayView bytes) {
        if (bytes.isEmpty())
            return; // an empty view may have a null data(), which memcpy must not get
        std::memcpy(at, bytes.data(), size_t(bytes.size()));
        at += bytes.size();
    };
    put("HTTP/1.1 ");
    put(code);
    put(" ");
    put(reason);
    put("\r\n");
    for (const auto *list : {&framing, &headers}) {
        for (const auto &h : *list) {
            put(h.first);
            put(": ");
            put(h.second);
            put("\r\n");
        }
    }
    put("\r\n");
    put(body);
    Q_ASSERT(at == out.data() + out.size());
    responder.socket()->write(out);
    if (separateBody)
        responder.socket()->write(response.body);
#else
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    for (const auto *list : {&framing, &headers}) {
        for (const auto &h : *list)
            responder.writeHeader(h.first, h.second);
    }
    responder.writeBody(headOnly ? QByteArray() : response.body);
#endif
}

} // namespace

bool isSafeRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const char c : id) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

GuardedTcpServer::GuardedTcpServer(
    const HttpLimits &limits,
    std::function<QList<std::pair<QByteArray, QByteArray>>(const QByteArray &)> commonHeaders,
    QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_commonHeaders(std::move(commonHeaders))
{}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    // An answer is written whole and the client sends nothing until it has it: with Nagle's algorithm
    // the last partial segment of a body written after its head waited for the client's delayed ACK
    // (about 40 ms), which capped mid-sized answers (thumbnail pages) at about 22 per connection and
    // second on loopback.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_open >= m_limits.maxConnections) {
        // Shed load instead of accepting more than we can serve; the socket never reaches QHttpServer.
        const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray body =
            QJsonDocument(QJsonObject{
                              {QStringLiteral("error"), QStringLiteral("service_unavailable")},
                              {QStringLiteral("message"),
                               QStringLiteral("The server is at its connection limit; retry shortly.")},
                              {QStringLiteral("requestId"), QString::fromLatin1(requestId)},
                              {QStringLiteral("_tag"), QStringLiteral("ServiceUnavailableError")},
                          })
                .toJson(QJsonDocument::Compact);
        QByteArray out =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
            "Connection: close\r\nRetry-After: 1\r\nX-Request-Id: " +
            requestId + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const auto &h : m_commonHeaders(QByteArray()))
            out += h.first + ": " + h.second + "\r\n";
        socket->write(out + "\r\n" + body);
        socket->disconnectFromHost();
        QTimer::singleShot(2000, socket, &QTcpSocket::abort);
        qCWarning(lcHttp) << "connection limit reached (" << m_limits.maxConnections
                          << "), shedding a connection";
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    m_sockets.append(socket);
    if (m_sockets.size() > 2 * m_limits.maxConnections)
        m_sockets.removeAll(nullptr);
    auto *guard = new ConnectionGuard(socket, m_limits, m_commonHeaders);
    addPendingConnection(socket); // QHttpServer connects its readyRead slot in here, after the guard's
    guard->watchAfterServer();
}

void GuardedTcpServer::closeAll()
{
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
        if (socket)
            socket->disconnectFromHost();
    }
    m_sockets.removeAll(nullptr);
}

HttpServer::HttpServer(Router &router, HttpLimits limits, QStringList corsOrigins, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_limits(limits)
{
    for (const QString &origin : corsOrigins)
        m_corsOrigins.append(origin.toUtf8());
}

HttpServer::~HttpServer() = default;

quint16 HttpServer::listen(const QHostAddress &address, quint16 port)
{
    auto *server = new GuardedTcpServer(
        m_limits, [this](const QByteArray &origin) { return commonHeaders(origin); }, this);
    if (!server->listen(address, port)) {
        qCCritical(lcHttp).noquote() << "cannot listen on" << address.toString() << port << ":"
                                     << server->errorString();
        delete server;
        return 0;
    }
    bind(server);
    m_listeners.append(server);
    return server->serverPort();
}

void HttpServer::stopListening()
{
    for (const auto &listener : std::as_const(m_listeners)) {
        if (listener)
            listener->close();
    }
}

void HttpServer::closeAllConnections()
{
    for (const auto &listener : std::as_const(m_listeners)) {
        if (listener)
            listener->closeAll();
    }
}

int HttpServer::openConnections() const
{
    int open = 0;
    for (const auto &listener : m_listeners) {
        if (listener)
            open += listener->openConnections();
    }
    return open;
}

QList<std::pair<QByteArray, QByteArray>> HttpServer::commonHeaders(const QByteArray &origin) const
{
    // Built once; each answer gets an implicitly shared copy that detaches only for an allowed Origin.
    static const QList<std::pair<QByteArray, QByteArray>> base{
        {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "strict-origin-when-cross-origin"},
        {"Vary", "Origin"},
        {"Access-Control-Allow-Methods", kAllowedMethods},
        {"Access-Control-Allow-Headers", kAllowedHeaders},
        {"Access-Control-Expose-Headers", kExposedHeaders},
    };
    QList<std::pair<QByteArray, QByteArray>> headers = base;
    if (!origin.isEmpty()) {
        if (m_corsOrigins.contains(origin))
            headers.append(std::pair<QByteArray, QByteArray>("Access-Control-Allow-Origin", origin));
        else if (m_corsOrigins.contains("*"))
            headers.append(std::pair<QByteArray, QByteArray>("Access-Control-Allow-Origin", "*"));
    }
    return headers;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    handle(request, socket, makeResponder(request, socket));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    handle(request, socket, makeResponder(request, socket));
}
#else
bool HttpServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    handle(request, nullptr, std::move(responder));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    handle(request, nullptr, std::move(responder));
}
#endif

void HttpServer::handle(const QHttpServerRequest &httpRequest, QTcpSocket *socket,
                        QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();

    Request request;
    request.method = methodName(httpRequest.method());
    request.url = httpRequest.url();
    request.path = request.url.path(QUrl::FullyDecoded);
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    for (const auto &h : httpRequest.headers())
        request.headers.append({h.first, h.second});
#else
    for (const auto &h : httpRequest.headers().toListOfPairs())
        request.headers.append({h.first, h.second});
#endif
    request.body = httpRequest.body();
    request.remoteAddress = httpRequest.remoteAddress();
    request.requestId = validRequestId(request.header("X-Request-Id"));
    const QByteArray origin = request.header("Origin");
    const bool headOnly = request.method == "HEAD";

    auto state = std::make_shared<ReplyState>();
    state->requestId = request.requestId;
    state->context = this;
    auto responderPtr = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socketGuard(socket ? socket : responderPtr->socket());
    auto disconnectWatch = std::make_shared<QMetaObject::Connection>();
    if (socketGuard) {
        std::weak_ptr<ReplyState> weak = state;
        *disconnectWatch = connect(socketGuard.data(), &QTcpSocket::disconnected, this, [weak] {
            auto s = weak.lock();
            if (!s)
                return;
            s->connected = false;
            QList<std::function<void()>> callbacks;
            {
                QMutexLocker lock(&s->mutex);
                callbacks.swap(s->disconnectCallbacks);
            }
            for (const auto &callback : callbacks)
                callback();
        });
    }
    ++m_inFlight;
    const QByteArray method = request.method;
    const QString path = request.path;
    const QByteArray requestId = request.requestId;
    state->write = [this, responderPtr, socketGuard, disconnectWatch, timer, origin, headOnly, method, path,
                    requestId](Response &&response) {
        QObject::disconnect(*disconnectWatch);
        --m_inFlight;
        // The path is logged without its query string: queries can carry codes and state.
        if (!socketGuard || socketGuard->state() != QAbstractSocket::ConnectedState) {
            qCInfo(lcHttp).noquote() << method << path << response.status << timer.elapsed() << "ms id"
                                     << requestId << "(client gone, answer dropped)";
            emit requestFinished();
            return;
        }
        auto headers = commonHeaders(origin);
        headers.append(std::pair<QByteArray, QByteArray>("X-Request-Id", requestId));
        auto *guard = ConnectionGuard::of(socketGuard.data());
        if (guard && guard->closesAfterAnswer())
            headers.append(std::pair<QByteArray, QByteArray>("Connection", "close"));
        if (response.headerValue("Cache-Control").isEmpty())
            headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
        writeResponse(*responderPtr, response, std::move(headers), headOnly);
        if (guard)
            guard->responseWritten();
        qCInfo(lcHttp).noquote() << method << path << response.status << timer.elapsed() << "ms id"
                                 << requestId;
        emit requestFinished();
    };

    dispatch(request, Reply(std::move(state)), headOnly);
}

void HttpServer::dispatch(const Request &incoming, const Reply &reply, bool headOnly)
{
    const QString encodedPath = incoming.url.path(QUrl::FullyEncoded);
    if (incoming.method == "OPTIONS") {
        const Router::Match match = m_router.match("OPTIONS", encodedPath);
        if (!match.pathExists()) {
            reply.fail(ApiError::notFound());
            return;
        }
        Response preflight = Response::noContent();
        preflight.header("Allow", match.allowed.join(", "));
        preflight.header("Access-Control-Max-Age", "86400");
        reply.send(std::move(preflight));
        return;
    }
    const Router::Match match = m_router.match(headOnly ? QByteArray("GET") : incoming.method, encodedPath);
    if (!match.pathExists()) {
        reply.fail(ApiError::notFound());
        return;
    }
    if (!match.route) {
        reply.fail(ApiError::methodNotAllowed(match.allowed));
        return;
    }
    Request request = incoming;
    request.params = match.params;
    try {
        match.route->handler(request, reply);
    } catch (const std::exception &e) {
        if (std::optional<ApiError> answer = answerFor(e))
            return reply.fail(*answer);
        qCCritical(lcHttp) << "handler for" << request.path << "threw:" << e.what();
        reply.fail(ApiError::internal());
    }
}
