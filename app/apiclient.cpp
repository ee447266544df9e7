#include "apiclient.h"
#include "applogging.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
const QString RefreshPath = QStringLiteral("/api/auth/refresh");
const QString LivenessPath = QStringLiteral("/api/health/liveness");

QString messageFromBody(const QByteArray &body, int status, QString *code)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (code)
        *code = o.value(QStringLiteral("error")).toString();
    QString message = o.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = o.value(QStringLiteral("error_description")).toString();
    if (message.isEmpty()) {
        switch (status) {
        case 400:
            message = QObject::tr("The request was not accepted.");
            break;
        case 401:
            message = QObject::tr("Your session has ended. Sign in again.");
            break;
        case 403:
            message = QObject::tr("You are not allowed to do that.");
            break;
        case 404:
            message = QObject::tr("Not found.");
            break;
        case 429:
            message = QObject::tr("Too many requests. Try again in a moment.");
            break;
        case 503:
            message = QObject::tr("The server is temporarily unavailable. Try again in a moment.");
            break;
        default:
            message = QObject::tr("The server answered with an error (HTTP %1).").arg(status);
        }
    }
    return message;
}
} // namespace

QJsonObject ApiReply::json() const
{
    return QJsonDocument::fromJson(m_body).object();
}

QByteArray ApiReply::header(const QByteArray &name) const
{
    for (const auto &h : m_headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

void ApiReply::setRequestHeader(const QByteArray &name, const QByteArray &value)
{
    m_requestHeaders.append({name, value});
}

void ApiReply::abort()
{
    if (m_outcome != Outcome::Pending)
        return;
    m_canceled = true;
    if (m_network)
        m_network->abort(); // finishes through onNetworkFinished → Canceled
    else if (auto *client = qobject_cast<ApiClient *>(parent()))
        client->finish(this, Outcome::Canceled); // waiting for a refresh
}

ApiClient::Tokens ApiClient::Tokens::fromJson(const QJsonObject &o, const QDateTime &now)
{
    Tokens t;
    t.accessToken =
        o.value(QStringLiteral("accessToken")).toString(o.value(QStringLiteral("access_token")).toString());
    t.refreshToken =
        o.value(QStringLiteral("refreshToken")).toString(o.value(QStringLiteral("refresh_token")).toString());
    t.expiresAt = QDateTime::fromString(o.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    if (!t.expiresAt.isValid() && o.contains(QStringLiteral("expires_in")))
        t.expiresAt = now.addSecs(o.value(QStringLiteral("expires_in")).toInteger());
    return t;
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_nam->setStrictTransportSecurityEnabled(true);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_tokens.refreshToken.isEmpty())
            startRefresh();
    });
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &ApiClient::probe);
}

ApiClient::~ApiClient()
{
    // Replies are children; make sure nobody gets called back into a half-destroyed client.
    m_waitingForRefresh.clear();
    if (m_refreshReply)
        m_refreshReply->abort();
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url.adjusted(QUrl::StripTrailingSlash);
}

void ApiClient::setTokens(const Tokens &tokens)
{
    m_tokens = tokens;
    scheduleProactiveRefresh();
    Q_EMIT sessionChanged();
}

void ApiClient::clearTokens()
{
    m_tokens = {};
    m_refreshTimer.stop();
    Q_EMIT sessionChanged();
}

void ApiClient::setBackoff(int minMs, int maxMs)
{
    m_backoffMinMs = qMax(1, minMs);
    m_backoffMaxMs = qMax(m_backoffMinMs, maxMs);
}

ApiReply *ApiClient::request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                             const QByteArray &jsonBody, Auth auth, int timeoutMs)
{
    auto *reply = new ApiReply(this);
    reply->m_verb = verb;
    reply->m_path = path;
    reply->m_query = query;
    reply->m_payload = jsonBody;
    reply->m_authenticated = auth == Auth::Bearer;
    reply->m_timeoutMs = timeoutMs;
    // Sent on the next turn so callers can connect to `finished` first, whatever happens.
    QTimer::singleShot(0, reply, [this, reply] {
        if (reply->m_outcome == ApiReply::Outcome::Pending)
            send(reply);
    });
    return reply;
}

ApiReply *ApiClient::get(const QString &path, const QUrlQuery &query, Auth auth)
{
    return request("GET", path, query, {}, auth);
}

ApiReply *ApiClient::post(const QString &path, const QJsonObject &body, Auth auth)
{
    return request("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), auth);
}

ApiReply *ApiClient::patch(const QString &path, const QJsonObject &body)
{
    return request("PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiReply *ApiClient::deleteResource(const QString &path)
{
    return request("DELETE", path);
}

ApiReply *ApiClient::checkReadiness(const QUrl &server, int timeoutMs)
{
    ApiReply *reply = request("GET", QStringLiteral("/api/health/readiness"), {}, {}, Auth::None, timeoutMs);
    reply->m_server = server.adjusted(QUrl::StripTrailingSlash);
    return reply;
}

void ApiClient::send(ApiReply *reply)
{
    if (reply->m_authenticated && !m_tokens.refreshToken.isEmpty()) {
        // Wait for a refresh in flight, or start one when the access token is missing or expired.
        const bool expired =
            m_tokens.accessToken.isEmpty() ||
            (m_tokens.expiresAt.isValid() && m_tokens.expiresAt <= QDateTime::currentDateTimeUtc());
        if (m_refreshReply || expired) {
            m_waitingForRefresh.append(reply);
            if (!m_refreshReply)
                startRefresh();
            return;
        }
    }

    const QUrl base = reply->m_server.isEmpty() ? m_baseUrl : reply->m_server;
    QUrl url = base;
    url.setPath(base.path() + reply->m_path);
    if (!reply->m_query.isEmpty())
        url.setQuery(reply->m_query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    for (const auto &[name, value] : std::as_const(reply->m_requestHeaders))
        request.setRawHeader(name, value);
    request.setTransferTimeout(reply->m_timeoutMs > 0 ? reply->m_timeoutMs : m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QByteArray payload = reply->m_payload;
    const bool hasBody = reply->m_verb == "POST" || reply->m_verb == "PATCH" || reply->m_verb == "PUT";
    if (hasBody) {
        if (payload.isEmpty())
            payload = "{}";
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    reply->m_sentWithToken.clear();
    if (reply->m_authenticated && !m_tokens.accessToken.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_tokens.accessToken.toUtf8());
        reply->m_sentWithToken = m_tokens.accessToken;
    }
    QNetworkReply *network = hasBody ? m_nam->sendCustomRequest(request, reply->m_verb, payload)
                                     : m_nam->sendCustomRequest(request, reply->m_verb);
    reply->m_network = network;
    connect(network, &QNetworkReply::finished, reply,
            [this, reply, network] { onNetworkFinished(reply, network); });
}

void ApiClient::onNetworkFinished(ApiReply *reply, QNetworkReply *network)
{
    network->deleteLater();
    reply->m_network = nullptr;
    if (reply->m_outcome != ApiReply::Outcome::Pending)
        return;
    if (reply->m_canceled)
        return finish(reply, ApiReply::Outcome::Canceled);

    const QVariant statusAttr = network->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        // No HTTP answer at all: connection refused, DNS, reset, or the transfer timeout.
        const bool timedOut = network->error() == QNetworkReply::OperationCanceledError ||
                              network->error() == QNetworkReply::TimeoutError;
        qCInfo(lcApi).noquote() << reply->m_verb << reply->m_path
                                << "network error:" << network->errorString();
        reply->m_errorMessage = timedOut ? tr("The server did not answer in time.")
                                         : tr("Cannot reach the server (%1).").arg(network->errorString());
        if (!reply->m_server.isEmpty())
            return finish(reply, ApiReply::Outcome::NetworkError);
        if (timedOut)
            probe(); // slow is not necessarily offline: let the liveness probe decide
        else
            setOnline(false);
        return finish(reply, ApiReply::Outcome::NetworkError);
    }

    if (reply->m_server.isEmpty())
        setOnline(true);
    reply->m_status = statusAttr.toInt();
    reply->m_body = network->readAll();
    reply->m_headers = network->rawHeaderPairs();

    if (reply->m_status == 401 && reply->m_authenticated && !reply->m_retried &&
        !m_tokens.refreshToken.isEmpty()) {
        reply->m_retried = true;
        if (!m_tokens.accessToken.isEmpty() && m_tokens.accessToken != reply->m_sentWithToken) {
            send(reply); // another request already refreshed while this one was on the wire
            return;
        }
        m_tokens.accessToken.clear(); // known bad; later requests wait for the refresh
        m_waitingForRefresh.append(reply);
        if (!m_refreshReply)
            startRefresh();
        return;
    }

    if ((reply->m_status >= 200 && reply->m_status < 300) || reply->m_status == 304)
        return finish(reply, ApiReply::Outcome::Ok);
    reply->m_errorMessage = messageFromBody(reply->m_body, reply->m_status, &reply->m_errorCode);
    finish(reply, ApiReply::Outcome::HttpError);
}

void ApiClient::finish(ApiReply *reply, ApiReply::Outcome outcome)
{
    if (reply->m_outcome != ApiReply::Outcome::Pending)
        return;
    m_waitingForRefresh.removeAll(reply);
    reply->m_outcome = outcome;
    if (outcome == ApiReply::Outcome::Canceled && reply->m_errorMessage.isEmpty())
        reply->m_errorMessage = tr("Canceled.");
    Q_EMIT reply->finished();
    reply->deleteLater();
}

void ApiClient::refreshNow(std::function<void(bool)> done)
{
    if (done)
        m_refreshCallbacks.append(std::move(done));
    if (!m_refreshReply)
        startRefresh();
}

// Single flight: one POST /api/auth/refresh at a time; everything that needs a token waits for it.
void ApiClient::startRefresh()
{
    if (m_refreshReply)
        return;
    if (m_tokens.refreshToken.isEmpty()) {
        const auto callbacks = std::exchange(m_refreshCallbacks, {});
        for (const auto &cb : callbacks)
            cb(false);
        return;
    }
    m_refreshTimer.stop();
    ++m_refreshCount;
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + RefreshPath);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), m_tokens.refreshToken}})
            .toJson(QJsonDocument::Compact);
    QNetworkReply *network = m_nam->post(request, body);
    m_refreshReply = network;
    connect(network, &QNetworkReply::finished, this, [this, network] { onRefreshFinished(network); });
}

void ApiClient::onRefreshFinished(QNetworkReply *network)
{
    network->deleteLater();
    m_refreshReply = nullptr;
    const QVariant statusAttr = network->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.toInt();
    const QByteArray body = network->readAll();
    QList<QPointer<ApiReply>> waiting = std::exchange(m_waitingForRefresh, {});
    const auto callbacks = std::exchange(m_refreshCallbacks, {});

    enum { Refreshed, Rejected, Failed } result;
    QString message;
    if (!statusAttr.isValid()) {
        setOnline(false);
        result = Failed;
        message = tr("Cannot reach the server (%1).").arg(network->errorString());
    } else {
        setOnline(true);
        if (status >= 200 && status < 300) {
            Tokens t =
                Tokens::fromJson(QJsonDocument::fromJson(body).object(), QDateTime::currentDateTimeUtc());
            if (t.accessToken.isEmpty()) {
                result = Failed;
                message = tr("The server sent an invalid session.");
            } else {
                if (t.refreshToken.isEmpty())
                    t.refreshToken = m_tokens.refreshToken;
                m_tokens = t;
                scheduleProactiveRefresh();
                result = Refreshed;
                qCInfo(lcApi) << "session refreshed";
                Q_EMIT tokensRefreshed();
            }
        } else if (status == 400 || status == 401) {
            result = Rejected;
            message = messageFromBody(body, 401, nullptr);
        } else {
            result = Failed;
            message = messageFromBody(body, status, nullptr);
        }
    }

    for (const QPointer<ApiReply> &r : waiting) {
        if (!r || r->m_outcome != ApiReply::Outcome::Pending)
            continue;
        if (result == Refreshed) {
            r->m_retried = true; // at most one retry after a refresh
            send(r);
        } else {
            r->m_status = result == Rejected ? 401 : 0;
            r->m_errorMessage = result == Rejected ? tr("Your session has ended. Sign in again.") : message;
            finish(r, result == Rejected ? ApiReply::Outcome::HttpError : ApiReply::Outcome::NetworkError);
        }
    }
    for (const auto &cb : callbacks)
        cb(result == Refreshed);
    if (result == Rejected) {
        qCInfo(lcApi) << "refresh rejected, signing out";
        m_tokens = {};
        m_refreshTimer.stop();
        Q_EMIT sessionChanged();
        Q_EMIT signedOut(message);
    }
}

void ApiClient::scheduleProactiveRefresh()
{
    m_refreshTimer.stop();
    if (m_tokens.refreshToken.isEmpty() || !m_tokens.expiresAt.isValid())
        return;
    const qint64 msLeft = QDateTime::currentDateTimeUtc().msecsTo(m_tokens.expiresAt);
    // Refresh `margin` before expiry, or halfway for very short lifetimes; never sooner than 1 s.
    const qint64 margin = qMin<qint64>(qint64(m_refreshMarginS) * 1000, msLeft / 2);
    m_refreshTimer.start(int(qBound<qint64>(1000, msLeft - margin, qint64(24) * 3600 * 1000)));
}

void ApiClient::setOnline(bool online)
{
    if (online) {
        m_backoffMs = 0;
        m_probeTimer.stop();
    } else if (!m_probeTimer.isActive() && !m_probeReply) {
        m_backoffMs = m_backoffMs == 0 ? m_backoffMinMs : qMin(m_backoffMs * 2, m_backoffMaxMs);
        m_probeTimer.start(m_backoffMs);
    }
    if (m_online == online)
        return;
    m_online = online;
    qCInfo(lcApi) << (online ? "online" : "offline");
    Q_EMIT onlineChanged(online);
}

void ApiClient::probe()
{
    if (m_probeReply)
        return;
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + LivenessPath);
    QNetworkRequest request(url);
    request.setTransferTimeout(qMin(m_transferTimeoutMs, 5000));
    QNetworkReply *network = m_nam->get(request);
    m_probeReply = network;
    connect(network, &QNetworkReply::finished, this, [this, network] {
        network->deleteLater();
        m_probeReply = nullptr;
        const bool alive = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
        setOnline(alive);
    });
}
