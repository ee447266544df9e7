#include "serverclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include <utility>

namespace cli {

namespace {

QString genericMessage(int status)
{
    static constexpr std::pair<int, const char *> messages[] = {
        {401, "the API key was not accepted."},
        {403, "the API key may not do that."},
        {404, "not found."},
        {429, "too many requests."},
        {503, "the server is temporarily unavailable."},
    };
    for (const auto &[code, message] : messages) {
        if (code == status)
            return QString::fromLatin1(message);
    }
    return QStringLiteral("the request failed.");
}

} // namespace

QString printable(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char(' ');
    }
    return out;
}

ServerClient::ServerClient(QUrl base, QByteArray apiKey, std::function<void(const QString &)> notice)
    : m_base(std::move(base))
    , m_apiKey(std::move(apiKey))
    , m_notice(std::move(notice))
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QString ServerClient::description() const
{
    return m_base.toString();
}

ServerClient::Answer ServerClient::sendOnce(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                                            int timeoutMs, int *retryAfterSeconds)
{
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", m_apiKey);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("parametric-icons-cli/%1").arg(QCoreApplication::applicationVersion()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();

    Answer answer;
    const QString server = m_base.toString();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    if (answer.status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        answer.message =
            timedOut ? QStringLiteral("%1 did not answer within %2 s.").arg(server).arg(timeoutMs / 1000)
                     : QStringLiteral("could not reach %1: %2.").arg(server, printable(reply->errorString()));
        return answer;
    }
    const QJsonDocument document = QJsonDocument::fromJson(data);
    answer.json = document.object();
    if (answer.ok()) {
        // Every answer of the API this tool uses is a JSON object; anything else is another server.
        if (!document.isObject()) {
            answer.status = 0;
            answer.message =
                QStringLiteral("%1 answered, but not as a Parametric Icons server does (no JSON); "
                               "check the address.")
                    .arg(server);
        }
        return answer;
    }

    if (answer.status >= 300 && answer.status < 400) {
        const QString location = QString::fromUtf8(reply->rawHeader("Location"));
        answer.message =
            QStringLiteral("%1 answered %2 and redirects to %3; pass that address with --server.")
                .arg(server)
                .arg(answer.status)
                .arg(printable(location.left(200)));
        return answer;
    }
    answer.errorCode = printable(answer.json.value(QLatin1String("error")).toString());
    const QString message = printable(answer.json.value(QLatin1String("message")).toString()).trimmed();
    const QString requestId = printable(answer.json.value(QLatin1String("requestId")).toString());
    if (!message.isEmpty()) {
        answer.message = QStringLiteral("%1 answered %2 %3: %4")
                             .arg(server)
                             .arg(answer.status)
                             .arg(answer.errorCode, message);
        if (!requestId.isEmpty())
            answer.message += QStringLiteral(" (request %1)").arg(requestId);
    } else {
        // Not our error body: a proxy's page, or not a Parametric Icons server at all.
        answer.message = QStringLiteral("%1 answered %2: %3 Is it a Parametric Icons server?")
                             .arg(server)
                             .arg(answer.status)
                             .arg(genericMessage(answer.status));
    }
    if (retryAfterSeconds && (answer.status == 429 || answer.status == 503)) {
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        *retryAfterSeconds = ok ? seconds : -1;
    }
    return answer;
}

ServerClient::Answer ServerClient::send(const QByteArray &verb, const QString &path, const QByteArray &query,
                                        const QJsonObject &body, int timeoutMs)
{
    // `path` and `query` arrive percent-encoded; the tolerant mode keeps their escapes as they are.
    QUrl url = m_base;
    url.setPath(m_base.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    const QByteArray payload =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    for (int attempt = 0;; ++attempt) {
        int retryAfter = -1;
        Answer answer = sendOnce(verb, url, payload, timeoutMs, &retryAfter);
        if (answer.ok() || retryAfter < 0 || retryAfter > kMaxRetryWaitS || attempt >= kMaxRetries)
            return answer;
        if (m_notice)
            m_notice(QStringLiteral("%1 is busy (%2 %3): trying again in %4 s.")
                         .arg(m_base.toString())
                         .arg(answer.status)
                         .arg(answer.errorCode)
                         .arg(retryAfter));
        QThread::sleep(static_cast<unsigned long>(std::max(retryAfter, 1)));
    }
}

Drawing ServerClient::draw(const QString &prompt, int variants, ColorMode style)
{
    const Answer answer = send("POST", QStringLiteral("/api/icons"), {},
                               QJsonObject{{QStringLiteral("prompt"), prompt},
                                           {QStringLiteral("variantCount"), variants},
                                           {QStringLiteral("colorMode"), IconDesign::colorModeName(style)}},
                               kGenerateTimeoutMs);
    Drawing drawing;
    if (!answer.ok()) {
        drawing.message = answer.message;
        if (answer.status == 422 && answer.errorCode == QLatin1String("prompt_not_understood")) {
            drawing.status = Drawing::Status::NotUnderstood;
            drawing.message = printable(answer.json.value(QLatin1String("message")).toString());
            for (const QJsonValue &s : answer.json.value(QLatin1String("suggestions")).toArray())
                if (!s.toString().trimmed().isEmpty())
                    drawing.suggestions.append(printable(s.toString()).simplified());
        } else if (answer.status == 400 || answer.status == 413 || answer.status == 422) {
            drawing.status = Drawing::Status::Refused; // about this prompt; the next one may do
        } else {
            drawing.status = Drawing::Status::Failed;
        }
        return drawing;
    }
    for (const QJsonValue &v : answer.json.value(QLatin1String("variants")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString svg = o.value(QLatin1String("svg")).toString();
        if (!svg.isEmpty())
            drawing.variants.append({printable(o.value(QLatin1String("name")).toString()), svg, {}});
    }
    if (drawing.variants.isEmpty()) {
        drawing.status = Drawing::Status::Failed;
        drawing.message = QStringLiteral("%1 answered without an icon.").arg(m_base.toString());
        return drawing;
    }
    drawing.status = Drawing::Status::Drawn;
    drawing.interpretation = answer.json.value(QLatin1String("interpretation")).toObject();
    return drawing;
}

ServerClient::Answer ServerClient::listIcons(int limit, int offset, const QString &search, bool favoritesOnly)
{
    QByteArray query = "limit=" + QByteArray::number(limit) + "&offset=" + QByteArray::number(offset);
    if (!search.isEmpty())
        query += "&q=" + QUrl::toPercentEncoding(search); // "&", "=", "+" and "%" escaped too
    if (favoritesOnly)
        query += "&favorite=true";
    return send("GET", QStringLiteral("/api/icons"), query, {}, kReadTimeoutMs);
}

ServerClient::Answer ServerClient::fetchIcon(const QString &id)
{
    return send("GET", QStringLiteral("/api/icons/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {},
                {}, kReadTimeoutMs);
}

} // namespace cli
