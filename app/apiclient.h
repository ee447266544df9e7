#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

// One logical API request. It outlives the network replies behind it (a request may be sent again
// after a token refresh), emits `finished` exactly once and is deleteLater'd right after: read what
// you need in the slot connected to `finished`.
class ApiReply : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Pending, Ok, HttpError, NetworkError, Canceled };
    Q_ENUM(Outcome)

    Outcome outcome() const { return m_outcome; }
    bool isOk() const { return m_outcome == Outcome::Ok; }
    int status() const { return m_status; } // HTTP status (0 without an answer)
    QByteArray body() const { return m_body; }
    QJsonObject json() const;                               // body as an object ({} when not JSON)
    QString errorCode() const { return m_errorCode; }       // server's "error" (e.g. "invalid_grant")
    QString errorMessage() const { return m_errorMessage; } // server's "message", or a network text
    QByteArray header(const QByteArray &name) const;

    void abort(); // finishes with Canceled (silently: callers do not report cancellations)
    // An extra request header (e.g. If-None-Match); call it right after the request was made, before
    // returning to the event loop. A 304 answer to a conditional request counts as Ok.
    void setRequestHeader(const QByteArray &name, const QByteArray &value);

Q_SIGNALS:
    void finished();

private:
    friend class ApiClient;
    explicit ApiReply(QObject *parent)
        : QObject(parent)
    {}
    Outcome m_outcome = Outcome::Pending;
    int m_status = 0;
    QByteArray m_body;
    QString m_errorCode;
    QString m_errorMessage;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    // request description, kept for the retry after a refresh
    QByteArray m_verb;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_payload;
    QList<QPair<QByteArray, QByteArray>> m_requestHeaders;
    bool m_authenticated = true;
    bool m_retried = false;
    bool m_canceled = false;
    int m_timeoutMs = 0;
    QUrl m_server; // set: a probe of this server (not the session's), which leaves `online` alone
    QString m_sentWithToken;
    QPointer<QNetworkReply> m_network;
};

// The one owner of all network traffic to the Parametric API.
//  - Bearer injection; the access token lives only in memory, never in a log.
//  - Refresh shortly before expiry and on 401, single-flight: any number of concurrent 401s cause
//    exactly one POST /api/auth/refresh, then each waiting request is sent again once.
//  - Refresh rejected (400/401) → signedOut(); the owner clears the keychain entry.
//  - Network failure → offline: tokens are kept, `online` turns false and /api/health/liveness is
//    probed with capped exponential backoff until the server answers again.
//  - Every request has a transfer timeout and the NoLessSafeRedirectPolicy.
class ApiClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool online READ isOnline NOTIFY onlineChanged)
    Q_PROPERTY(bool hasSession READ hasSession NOTIFY sessionChanged)
public:
    struct Tokens
    {
        QString accessToken;
        QString refreshToken;
        QDateTime expiresAt;                                                // UTC; invalid = unknown
        static Tokens fromJson(const QJsonObject &o, const QDateTime &now); // both naming styles
    };
    enum class Auth { Bearer, None };

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url); // http://host:port (the /api prefix is part of each path)
    QUrl baseUrl() const { return m_baseUrl; }

    void setTokens(const Tokens &tokens);
    void clearTokens();
    bool hasSession() const { return !m_tokens.refreshToken.isEmpty() || !m_tokens.accessToken.isEmpty(); }
    QString refreshToken() const { return m_tokens.refreshToken; }
    QDateTime accessTokenExpiry() const { return m_tokens.expiresAt; }

    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    int transferTimeout() const { return m_transferTimeoutMs; }
    void setRefreshMargin(int seconds) { m_refreshMarginS = seconds; }
    void setBackoff(int minMs, int maxMs); // offline probe delays (defaults 1 s … 30 s)

    bool isOnline() const { return m_online; }

    // The request API (virtual so tests and fakes can drive the callers). `path` starts with /api.
    // `timeoutMs` > 0 overrides the transfer timeout (generation may legitimately take a minute).
    virtual ApiReply *request(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                              const QByteArray &jsonBody = {}, Auth auth = Auth::Bearer, int timeoutMs = 0);
    ApiReply *get(const QString &path, const QUrlQuery &query = {}, Auth auth = Auth::Bearer);
    ApiReply *post(const QString &path, const QJsonObject &body = {}, Auth auth = Auth::Bearer);
    ApiReply *patch(const QString &path, const QJsonObject &body);
    ApiReply *deleteResource(const QString &path);

    // GET <server>/api/health/readiness without credentials, within `timeoutMs`: "is this a Parametric
    // server, and is it ready?" before switching to it or sending the browser there. `server` may be
    // another server than baseUrl(); the answer does not change `online`.
    ApiReply *checkReadiness(const QUrl &server, int timeoutMs);

    // Refreshes now (single-flight) and calls `done(ok)`; used at startup with a keychain token.
    void refreshNow(std::function<void(bool ok)> done = {});

    // Test observability.
    int refreshRequestCount() const { return m_refreshCount; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

Q_SIGNALS:
    void onlineChanged(bool online);
    void sessionChanged();
    void tokensRefreshed();                // new pair stored in memory: persist refreshToken()
    void signedOut(const QString &reason); // the server rejected the refresh token

private:
    friend class ApiReply;
    void send(ApiReply *reply);
    void onNetworkFinished(ApiReply *reply, QNetworkReply *network);
    void finish(ApiReply *reply, ApiReply::Outcome outcome);
    void startRefresh();
    void onRefreshFinished(QNetworkReply *network);
    void scheduleProactiveRefresh();
    void setOnline(bool online);
    void probe();

    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_baseUrl;
    Tokens m_tokens;
    int m_transferTimeoutMs = 30000;
    int m_refreshMarginS = 60;
    int m_backoffMinMs = 1000;
    int m_backoffMaxMs = 30000;
    int m_backoffMs = 0;
    bool m_online = true;
    int m_refreshCount = 0;
    QPointer<QNetworkReply> m_refreshReply;
    QList<QPointer<ApiReply>> m_waitingForRefresh;
    QList<std::function<void(bool)>> m_refreshCallbacks;
    QTimer m_refreshTimer;
    QTimer m_probeTimer;
    QPointer<QNetworkReply> m_probeReply;
};
