#include "fakeanthropic.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

#include <utility>

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Request Entity Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Overloaded";
    default:
        return "Status";
    }
}

QByteArray jsonBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Forces a TCP RST on close instead of an orderly FIN, like a proxy dropping the connection.
void resetConnection(QTcpSocket *socket)
{
    socket->flush();
#ifdef Q_OS_UNIX
    struct linger lg;
    lg.l_onoff = 1;
    lg.l_linger = 0;
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
#endif
    socket->abort();
}

} // namespace

FakeAnthropic::Answer &FakeAnthropic::Answer::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

FakeAnthropic::Answer &FakeAnthropic::Answer::delayed(int ms)
{
    delayMs = ms;
    return *this;
}

QJsonObject FakeAnthropic::RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeAnthropic::FakeAnthropic(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeAnthropic::onNewConnection);
}

FakeAnthropic::~FakeAnthropic() = default;

bool FakeAnthropic::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeAnthropic::port() const
{
    return m_server->serverPort();
}

QUrl FakeAnthropic::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void FakeAnthropic::enqueue(const Answer &answer)
{
    m_queue.append(answer);
}

void FakeAnthropic::clear()
{
    m_queue.clear();
    m_requests.clear();
}

int FakeAnthropic::scriptedRequestCount() const
{
    return int(std::count_if(m_requests.begin(), m_requests.end(),
                             [](const RecordedRequest &r) { return r.answeredFromScript; }));
}

// --- Scripted answers ---------------------------------------------------------------------------

FakeAnthropic::Answer FakeAnthropic::messageWithContent(const QJsonArray &content, const QString &stopReason)
{
    static QAtomicInteger<quint64> counter;
    int outputTokens = 0;
    for (const auto &block : content)
        outputTokens += int(block.toObject().value(QLatin1String("text")).toString().size() / 4);
    QJsonObject body{
        {QStringLiteral("id"), QStringLiteral("msg_01Fake%1").arg(++counter, 12, 10, QLatin1Char('0'))},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-20250514")},
        {QStringLiteral("content"), content},
        {QStringLiteral("stop_reason"), stopReason},
        {QStringLiteral("stop_sequence"), QJsonValue::Null},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 1830},
                                              {QStringLiteral("cache_creation_input_tokens"), 0},
                                              {QStringLiteral("cache_read_input_tokens"), 0},
                                              {QStringLiteral("output_tokens"), outputTokens},
                                              {QStringLiteral("service_tier"), QStringLiteral("standard")}}},
    };
    Answer a;
    a.body = jsonBytes(body);
    a.label = QStringLiteral("message(%1)").arg(stopReason);
    return a;
}

FakeAnthropic::Answer FakeAnthropic::message(const QString &text, const QString &stopReason)
{
    return messageWithContent(QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                     {QStringLiteral("text"), text}}},
                              stopReason);
}

QJsonObject FakeAnthropic::archScene()
{
    const auto point = [](int x, int y) { return QJsonArray{x, y}; };
    return QJsonObject{{QStringLiteral("toolType"), QStringLiteral("drawing")},
                       {QStringLiteral("elements"),
                        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("line")},
                                               {QStringLiteral("layer"), QStringLiteral("guide")},
                                               {QStringLiteral("from"), point(4, 28)},
                                               {QStringLiteral("to"), point(28, 28)}},
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("curve")},
                                               {QStringLiteral("layer"), QStringLiteral("primary")},
                                               {QStringLiteral("points"),
                                                QJsonArray{point(4, 28), point(16, 4), point(28, 28)}}},
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("grip")},
                                               {QStringLiteral("at"), point(4, 28)}},
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("grip")},
                                               {QStringLiteral("at"), point(16, 4)}},
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("grip")},
                                               {QStringLiteral("at"), point(28, 28)}}}}};
}

QJsonObject FakeAnthropic::sceneToolInput(const QList<QPair<QString, QJsonObject>> &nameAndScene)
{
    QJsonArray list;
    for (const auto &[name, scene] : nameAndScene)
        list.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("scene"), scene}});
    return QJsonObject{{QStringLiteral("variants"), list}};
}

FakeAnthropic::Answer FakeAnthropic::toolUse(const QString &name, const QJsonObject &input,
                                             const QString &preamble)
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("toolu_01");
    for (int i = 0; i < 22; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
    QJsonArray content;
    if (!preamble.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), preamble}});
    content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                               {QStringLiteral("id"), id},
                               {QStringLiteral("name"), name},
                               {QStringLiteral("input"), input}});
    Answer a = messageWithContent(content, QStringLiteral("tool_use"));
    a.label = QStringLiteral("tool_use(%1)").arg(name);
    return a;
}

FakeAnthropic::Answer FakeAnthropic::variants(const QList<QPair<QString, QString>> &nameAndSvg)
{
    // The model continues after `{"variants":[`, so the text starts with the first variant object.
    QStringList items;
    int i = 0;
    for (const auto &[name, svg] : nameAndSvg) {
        const QJsonObject v{{QStringLiteral("id"), QStringLiteral("v%1").arg(++i)},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("svg"), svg}};
        items << QString::fromUtf8(jsonBytes(v));
    }
    return message(items.join(QStringLiteral(",")) + QStringLiteral("]}"));
}

QString FakeAnthropic::errorTypeFor(int status)
{
    // Anthropic's documented error types by HTTP status.
    static constexpr std::pair<int, const char *> types[] = {
        {400, "invalid_request_error"}, {401, "authentication_error"}, {402, "billing_error"},
        {403, "permission_error"},      {404, "not_found_error"},      {409, "conflict_error"},
        {413, "request_too_large"},     {429, "rate_limit_error"},     {504, "timeout_error"},
        {529, "overloaded_error"},
    };
    for (const auto &[code, type] : types) {
        if (code == status)
            return QString::fromLatin1(type);
    }
    return QStringLiteral("api_error");
}

FakeAnthropic::Answer FakeAnthropic::error(int status, const QString &type, const QString &message)
{
    Answer a;
    a.status = status;
    a.body = jsonBytes(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("error")},
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}},
        // The fake fills the real request id in when it sends the answer.
        {QStringLiteral("request_id"), QStringLiteral("@REQUEST_ID@")},
    });
    a.label = QStringLiteral("error %1 %2").arg(status).arg(type);
    return a;
}

FakeAnthropic::Answer FakeAnthropic::overloaded()
{
    return error(529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded"));
}

FakeAnthropic::Answer FakeAnthropic::rateLimited(std::optional<int> retryAfterSeconds)
{
    Answer a = error(429, QStringLiteral("rate_limit_error"),
                     QStringLiteral("This request would exceed the rate limit for your organization of 50 "
                                    "requests per minute."));
    if (retryAfterSeconds)
        a.withHeader("retry-after", QByteArray::number(*retryAfterSeconds));
    return a;
}

FakeAnthropic::Answer FakeAnthropic::htmlTooLarge()
{
    Answer a;
    a.status = 413;
    a.contentType = "text/html";
    a.body = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
             "<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
             "</body>\r\n</html>\r\n";
    a.label = QStringLiteral("413 html");
    return a;
}

FakeAnthropic::Answer FakeAnthropic::invalidJson()
{
    Answer a;
    a.body = "{\"id\":\"msg_01Broken\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"<svg";
    a.label = QStringLiteral("invalid json");
    return a;
}

FakeAnthropic::Answer FakeAnthropic::connectionReset()
{
    Answer a = message(
        QStringLiteral("{\"id\":\"v1\",\"name\":\"Line\",\"svg\":\"<svg xmlns='http://www.w3.org/2000/"
                       "svg' viewBox='0 0 32 32'></svg>\"}]}"));
    a.resetMidBody = true;
    a.label = QStringLiteral("reset mid-body");
    return a;
}

// --- HTTP ---------------------------------------------------------------------------------------

void FakeAnthropic::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeAnthropic::onReadyRead(QTcpSocket *socket)
{
    if (!m_buffers.contains(socket))
        return;
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buffer.size() > kMaxHeaderBytes)
                socket->abort();
            return;
        }
        RecordedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return; // wait for the rest of the body
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        handle(socket, std::move(request));
        if (!m_buffers.contains(socket))
            return;
    }
}

// The checks the real API makes on tools, tool_choice and tool results (its observed messages).
QString FakeAnthropic::toolProblem(const QJsonObject &body)
{
    QStringList toolNames;
    const QJsonValue tools = body.value(QLatin1String("tools"));
    if (!tools.isUndefined()) {
        if (!tools.isArray())
            return QStringLiteral("tools: Input should be a valid list");
        const QJsonArray list = tools.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject tool = list.at(i).toObject();
            if (!tool.value(QLatin1String("name")).isString())
                return QStringLiteral("tools.%1.custom.name: Field required").arg(i);
            if (!tool.value(QLatin1String("input_schema")).isObject())
                return QStringLiteral("tools.%1.custom.input_schema: Field required").arg(i);
            if (tool.value(QLatin1String("input_schema"))
                    .toObject()
                    .value(QLatin1String("type"))
                    .toString() != QLatin1String("object"))
                return QStringLiteral("tools.%1.custom.input_schema.type: Input should be 'object'").arg(i);
            toolNames << tool.value(QLatin1String("name")).toString();
        }
    }
    const QJsonValue choice = body.value(QLatin1String("tool_choice"));
    if (!choice.isUndefined()) {
        const QJsonObject c = choice.toObject();
        const QString type = c.value(QLatin1String("type")).toString();
        if (type != QLatin1String("auto") && type != QLatin1String("any") && type != QLatin1String("tool") &&
            type != QLatin1String("none"))
            return QStringLiteral("tool_choice: Input tag '%1' found using 'type' does not match any of the "
                                  "expected tags: 'auto', 'any', 'tool', 'none'")
                .arg(type);
        if (type == QLatin1String("tool") && !toolNames.contains(c.value(QLatin1String("name")).toString()))
            return QStringLiteral("tool_choice.name: Tool '%1' not found in provided tools")
                .arg(c.value(QLatin1String("name")).toString());
        if (type != QLatin1String("auto") && type != QLatin1String("none") && toolNames.isEmpty())
            return QStringLiteral("tool_choice may only be specified while providing tools.");
    }
    // Every tool_use of an assistant turn needs its tool_result at the start of the next user turn.
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        if (m.value(QLatin1String("role")).toString() != QLatin1String("assistant"))
            continue;
        QStringList ids;
        for (const QJsonValue &b : m.value(QLatin1String("content")).toArray()) {
            if (b.toObject().value(QLatin1String("type")).toString() == QLatin1String("tool_use"))
                ids << b.toObject().value(QLatin1String("id")).toString();
        }
        if (ids.isEmpty())
            continue;
        QStringList answered;
        const QJsonValue next = i + 1 < messages.size()
                                    ? messages.at(i + 1).toObject().value(QLatin1String("content"))
                                    : QJsonValue();
        for (const QJsonValue &b : next.toArray()) {
            const QJsonObject block = b.toObject();
            if (block.value(QLatin1String("type")).toString() == QLatin1String("tool_result"))
                answered << block.value(QLatin1String("tool_use_id")).toString();
        }
        for (const QString &id : std::as_const(ids)) {
            if (!answered.contains(id))
                return QStringLiteral(
                           "messages.%1: `tool_use` ids were found without `tool_result` blocks "
                           "immediately after: %2. Each `tool_use` block must have a corresponding "
                           "`tool_result` block in the next message.")
                    .arg(i + 1)
                    .arg(id);
        }
    }
    return {};
}

void FakeAnthropic::handle(QTcpSocket *socket, RecordedRequest request)
{
    // Validation in the order the real API applies it (AN-8 observed messages).
    std::optional<Answer> answer;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (request.path != "/v1/messages" || request.method != "POST") {
        answer = error(404, QStringLiteral("not_found_error"), QStringLiteral("Not Found"));
    } else if (request.header("x-api-key").isEmpty()) {
        answer = error(401, QStringLiteral("authentication_error"),
                       QStringLiteral("x-api-key header is required"));
    } else if (QString::fromUtf8(request.header("x-api-key")) != apiKey) {
        answer = error(401, QStringLiteral("authentication_error"), QStringLiteral("invalid x-api-key"));
    } else if (request.header("anthropic-version").isEmpty()) {
        answer = error(400, QStringLiteral("invalid_request_error"),
                       QStringLiteral("anthropic-version: header is required"));
    } else if (!request.header("content-type").startsWith("application/json") || !doc.isObject()) {
        answer = error(400, QStringLiteral("invalid_request_error"),
                       QStringLiteral("There was an issue with the format of your request: invalid JSON"));
    } else if (!doc.object().value(QLatin1String("max_tokens")).isDouble()) {
        answer =
            error(400, QStringLiteral("invalid_request_error"), QStringLiteral("max_tokens: Field required"));
    } else if (!doc.object().value(QLatin1String("model")).isString()) {
        answer = error(400, QStringLiteral("invalid_request_error"), QStringLiteral("model: Field required"));
    } else if (!doc.object().value(QLatin1String("messages")).isArray()) {
        answer =
            error(400, QStringLiteral("invalid_request_error"), QStringLiteral("messages: Field required"));
    } else if (const QString problem = toolProblem(doc.object()); !problem.isEmpty()) {
        answer = error(400, QStringLiteral("invalid_request_error"), problem);
    }
    if (!answer) {
        request.answeredFromScript = true;
        answer = m_queue.isEmpty() ? error(500, QStringLiteral("api_error"),
                                           QStringLiteral("fake: no scripted answer left"))
                                   : m_queue.takeFirst();
    }
    m_requests.append(std::move(request));
    Q_EMIT requestReceived(int(m_requests.size() - 1));

    if (answer->delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(answer->delayMs, this, [this, guard, a = *answer] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                send(guard, a);
        });
    } else {
        send(socket, *answer);
    }
}

QByteArray FakeAnthropic::newRequestId()
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
    QByteArray id = "req_011C";
    for (int i = 0; i < 20; ++i)
        id += alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))];
    ++m_counter;
    return id;
}

void FakeAnthropic::send(QTcpSocket *socket, const Answer &answer)
{
    const QByteArray requestId = newRequestId();
    QByteArray body = answer.body;
    body.replace("@REQUEST_ID@", requestId);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray reset = now.addSecs(60).toString(Qt::ISODate).toLatin1();
    const bool limited = answer.status == 429;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
    head += "date: " + now.toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1() + "\r\n";
    head += "content-type: " + answer.contentType + "\r\n";
    head += "content-length: " + QByteArray::number(body.size()) + "\r\n";
    head += "connection: keep-alive\r\n";
    if (answer.contentType == "application/json") {
        // Cloudflare's 413 comes from the edge: no API headers on it.
        head += "request-id: " + requestId + "\r\n";
        head += "anthropic-organization-id: 00000000-0000-4000-8000-000000000000\r\n";
        for (const char *kind : {"requests", "tokens", "input-tokens", "output-tokens"}) {
            const QByteArray k = QByteArray("anthropic-ratelimit-") + kind;
            const QByteArray limit = qstrcmp(kind, "requests") == 0 ? "50" : "40000";
            head += k + "-limit: " + limit + "\r\n";
            head += k + "-remaining: " + (limited ? QByteArray("0") : QByteArray::number(limit.toInt() - 1)) +
                    "\r\n";
            head += k + "-reset: " + reset + "\r\n";
        }
    }
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    head += "server: cloudflare\r\n\r\n";

    if (answer.resetMidBody) {
        socket->write(head + body.left(body.size() / 2));
        socket->flush();
        // Let the partial answer reach the client before the reset.
        QTimer::singleShot(30, this, [guard = QPointer<QTcpSocket>(socket)] {
            if (guard)
                resetConnection(guard);
        });
        return;
    }
    socket->write(head + body);
}
