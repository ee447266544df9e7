#include "auth/providerclient.h"

#include "auth/idtoken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace {

constexpr qint64 kMaxResponseBytes = 1024 * 1024;
const QByteArray kUserAgent = QByteArrayLiteral("ParametricIcons/" PARAMETRIC_VERSION);

// Provider error codes are echoed into our log only; keep them to a safe alphabet and length.
QString safeCode(const QString &raw)
{
    QString out;
    for (QChar c : raw.left(64)) {
        if (c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.')
            out += c;
    }
    return out.isEmpty() ? QStringLiteral("unknown") : out;
}

QString normalisedEmail(const QString &raw)
{
    const QString email = raw.trimmed();
    if (email.size() > 320 || email.indexOf(u'@') < 1 || email.contains(QChar(0)))
        return {};
    return email;
}

struct HttpResult
{
    int status = 0;
    bool networkError = false; // timeout, refused, TLS, too large
    QString networkErrorText;
    QByteArray body;
};

} // namespace

struct ProviderClient::Worker : QObject
{
    int timeoutMs = 10000;
    std::shared_ptr<Clock> clock;
    QNetworkAccessManager *nam = nullptr;

    QNetworkAccessManager *manager()
    {
        if (!nam) {
            nam = new QNetworkAccessManager(this);
            nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        }
        return nam;
    }

    QNetworkRequest request(const QUrl &url, const QByteArray &accept) const
    {
        QNetworkRequest req(url);
        req.setRawHeader("Accept", accept);
        req.setRawHeader("User-Agent", kUserAgent);
        req.setTransferTimeout(timeoutMs);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        return req;
    }

    // Runs one request with an overall deadline and a response size cap.
    void send(QNetworkReply *reply, std::function<void(HttpResult)> done)
    {
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, reply, [reply] { reply->abort(); });
        deadline->start(timeoutMs);
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
            if (received > kMaxResponseBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
            reply->deleteLater();
            HttpResult r;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->read(kMaxResponseBytes + 1);
            const auto err = reply->error();
            // HTTP-level errors (4xx/5xx) still carry a status and a body we want to read.
            if (r.status == 0 || r.body.size() > kMaxResponseBytes ||
                (err != QNetworkReply::NoError && err < QNetworkReply::ContentAccessDenied)) {
                r.networkError = true;
                r.networkErrorText = r.body.size() > kMaxResponseBytes ? QStringLiteral("response too large")
                                                                       : reply->errorString();
            }
            done(std::move(r));
        });
    }

    void post(const QUrl &url, const QList<std::pair<QString, QString>> &form,
              std::function<void(HttpResult)> done)
    {
        QByteArray body;
        for (const auto &[name, value] : form) {
            if (!body.isEmpty())
                body += '&';
            body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        }
        QNetworkRequest req = request(url, "application/json");
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
        send(manager()->post(req, body), std::move(done));
    }

    void get(const QUrl &url, const QByteArray &accessToken, const QByteArray &accept,
             const QList<std::pair<QByteArray, QByteArray>> &extra, std::function<void(HttpResult)> done)
    {
        QNetworkRequest req = request(url, accept);
        req.setRawHeader("Authorization", "Bearer " + accessToken);
        for (const auto &[name, value] : extra)
            req.setRawHeader(name, value);
        send(manager()->get(req), std::move(done));
    }

    using Done = std::function<void(ProviderOutcome)>;

    static ProviderOutcome failure(ProviderOutcome::Status status, QString reason)
    {
        ProviderOutcome out;
        out.status = status;
        out.logReason = std::move(reason);
        return out;
    }

    // Maps a non-successful HTTP result; returns true when it was one.
    static bool failed(const HttpResult &r, const char *step, const Done &done)
    {
        if (r.networkError) {
            done(failure(ProviderOutcome::Status::Unavailable,
                         QStringLiteral("%1: %2").arg(QLatin1String(step), r.networkErrorText)));
            return true;
        }
        if (r.status < 200 || r.status >= 300) {
            const auto status = r.status >= 500 || r.status == 429 ? ProviderOutcome::Status::Unavailable
                                                                   : ProviderOutcome::Status::Rejected;
            done(failure(status, QStringLiteral("%1: HTTP %2").arg(QLatin1String(step)).arg(r.status)));
            return true;
        }
        return false;
    }

    void authenticate(const Exchange &ex, Done done)
    {
        const QList<std::pair<QString, QString>> form{
            {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
            {QStringLiteral("code"), ex.code},
            {QStringLiteral("redirect_uri"), ex.redirectUri},
            {QStringLiteral("client_id"), ex.provider.clientId},
            {QStringLiteral("client_secret"), ex.provider.clientSecret},
            {QStringLiteral("code_verifier"), ex.codeVerifier},
        };

        post(ex.provider.tokenUrl, form, [this, ex, done](HttpResult r) {
            // GitHub answers errors with HTTP 200 and {"error": …}: look at the body first.
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (!r.networkError && body.contains(u"error")) {
                const auto status = r.status >= 500 ? ProviderOutcome::Status::Unavailable
                                                    : ProviderOutcome::Status::Rejected;
                return done(failure(status, QStringLiteral("token endpoint error ") +
                                                safeCode(body.value(u"error").toString())));
            }
            if (failed(r, "token endpoint", done))
                return;
            const QByteArray accessToken = body.value(u"access_token").toString().toUtf8();
            if (accessToken.isEmpty())
                return done(failure(ProviderOutcome::Status::Rejected,
                                    QStringLiteral("token endpoint: no access_token")));
            if (ex.provider.id == OAuthProvider::GitHub)
                return fetchGitHub(ex, accessToken, done);
            fromIdToken(ex, accessToken, body.value(u"id_token").toString().toUtf8(), done);
        });
    }

    void fetchGitHub(const Exchange &ex, const QByteArray &accessToken, Done done)
    {
        const QList<std::pair<QByteArray, QByteArray>> headers{{"X-GitHub-Api-Version", "2022-11-28"}};
        get(ex.provider.userinfoUrl, accessToken, "application/vnd.github+json", headers,
            [this, ex, accessToken, headers, done](HttpResult r) {
                if (failed(r, "github user", done))
                    return;
                const QJsonObject user = QJsonDocument::fromJson(r.body).object();
                const QJsonValue id = user.value(u"id");
                const double numeric = id.toDouble(-1);
                if (!id.isDouble() || numeric < 1 || numeric != double(qint64(numeric)))
                    return done(failure(ProviderOutcome::Status::Rejected,
                                        QStringLiteral("github user: no numeric id")));
                ProviderIdentity identity;
                identity.subject = QString::number(qint64(numeric));
                identity.email = normalisedEmail(user.value(u"email").toString()); // public, unverified
                // /user says nothing about verification: only /user/emails' primary+verified entry counts.
                get(ex.provider.emailsUrl, accessToken, "application/vnd.github+json", headers,
                    [identity, done](HttpResult e) mutable {
                        if (e.networkError || e.status >= 500)
                            return done(failure(ProviderOutcome::Status::Unavailable,
                                                QStringLiteral("github emails unavailable")));
                        // 403/404 (scope not granted, GitHub Enterprise without the API): no verified email.
                        if (e.status >= 200 && e.status < 300) {
                            const QJsonArray emails = QJsonDocument::fromJson(e.body).array();
                            for (const QJsonValue &v : emails) {
                                const QJsonObject entry = v.toObject();
                                if (entry.value(u"primary").toBool() && entry.value(u"verified").toBool()) {
                                    const QString email = normalisedEmail(entry.value(u"email").toString());
                                    if (!email.isEmpty()) {
                                        identity.email = email;
                                        identity.emailVerified = true;
                                    }
                                    break;
                                }
                            }
                        }
                        ProviderOutcome out;
                        out.status = ProviderOutcome::Status::Ok;
                        out.identity = identity;
                        done(out);
                    });
            });
    }

    void fromIdToken(const Exchange &ex, const QByteArray &accessToken, const QByteArray &idToken, Done done)
    {
        if (idToken.isEmpty())
            return done(
                failure(ProviderOutcome::Status::Rejected, QStringLiteral("token endpoint: no id_token")));
        IdTokenExpectations expect;
        expect.clientId = ex.provider.clientId;
        expect.nonce = ex.nonce;
        expect.now = clock->now();
        if (ex.provider.id == OAuthProvider::Google) {
            expect.issuers = {QStringLiteral("https://accounts.google.com"),
                              QStringLiteral("accounts.google.com")};
        } else {
            // Microsoft's issuer is https://<login host>/<tid>/v2.0; the login host is the token
            // endpoint's (login.microsoftonline.com, or a sovereign cloud's when overridden).
            const QUrl token = ex.provider.tokenUrl;
            expect.issuerTemplate = token.scheme() + QStringLiteral("://") + token.authority() +
                                    QStringLiteral("/{tenantid}/v2.0");
            static const QRegularExpression guid(QStringLiteral(
                "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
            if (guid.match(ex.provider.tenant).hasMatch())
                expect.requiredTenant = ex.provider.tenant;
        }
        QString error;
        const QJsonObject claims = validateIdToken(idToken, expect, &error);
        if (claims.isEmpty())
            return done(failure(ProviderOutcome::Status::Rejected, error));

        ProviderIdentity identity;
        identity.subject = claims.value(u"sub").toString();
        identity.email = normalisedEmail(claims.value(u"email").toString());
        identity.emailVerified =
            !identity.email.isEmpty() &&
            claimIsTrue(claims, ex.provider.id == OAuthProvider::Google ? QStringLiteral("email_verified")
                                                                        : QStringLiteral("xms_edov"));
        if (!identity.email.isEmpty() || ex.provider.userinfoUrl.isEmpty()) {
            ProviderOutcome out;
            out.status = ProviderOutcome::Status::Ok;
            out.identity = identity;
            return done(out);
        }
        // The ID token carried no email: ask the userinfo endpoint, which must agree on `sub`.
        get(ex.provider.userinfoUrl, accessToken, "application/json", {},
            [ex, identity, done](HttpResult r) mutable {
                if (failed(r, "userinfo", done))
                    return;
                const QJsonObject info = QJsonDocument::fromJson(r.body).object();
                if (info.value(u"sub").toString() != identity.subject)
                    return done(
                        failure(ProviderOutcome::Status::Rejected, QStringLiteral("userinfo: sub mismatch")));
                identity.email = normalisedEmail(info.value(u"email").toString());
                identity.emailVerified = !identity.email.isEmpty() &&
                                         ex.provider.id == OAuthProvider::Google &&
                                         claimIsTrue(info, QStringLiteral("email_verified"));
                ProviderOutcome out;
                out.status = ProviderOutcome::Status::Ok;
                out.identity = identity;
                done(out);
            });
    }
};

ProviderClient::ProviderClient(int timeoutMs, std::shared_ptr<Clock> clock)
{
    m_worker = new Worker;
    m_worker->timeoutMs = timeoutMs;
    m_worker->clock = std::move(clock);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("oauth-network"));
    m_thread.start();
}

ProviderClient::~ProviderClient()
{
    m_thread.quit();
    m_thread.wait();
}

void ProviderClient::authenticate(Exchange exchange, std::function<void(ProviderOutcome)> done)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, exchange = std::move(exchange), done = std::move(done)] {
            // Report exactly once even if the worker is torn down mid-flight.
            auto once = std::make_shared<std::function<void(ProviderOutcome)>>(done);
            worker->authenticate(exchange, [once](ProviderOutcome outcome) {
                if (*once) {
                    auto f = std::move(*once);
                    *once = nullptr;
                    f(std::move(outcome));
                }
            });
        },
        Qt::QueuedConnection);
}
