#pragma once

#include "auth/authcontext.h"
#include "auth/authsettings.h"
#include "auth/logintransactionrepository.h"
#include "auth/providerclient.h"
#include "auth/sessionrepository.h"
#include "core/clock.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>

class TokenCache;

// A freshly issued access + refresh token. The raw values exist only here and in the response.
struct TokenPair
{
    QByteArray accessToken;
    QByteArray refreshToken;
    QDateTime expiresAt; // the access token's
    qint64 expiresIn = 0;
    QString sessionId;
    QString refreshTokenId; // internal bookkeeping, never answered

    QJsonObject toJson(bool rfc6749Names = false) const;
};

// The sign-in rules, run on a Database pool thread with that thread's connection. Every method is
// one transaction (retried on serialization failures); tokens are returned only after COMMIT.
// Whatever a method revokes leaves `tokens` (this process's cache of validated access tokens)
// after COMMIT and before the method returns, so the answer to the revoking request is never
// followed by an accepted request with a revoked token. Other processes hear of it by NOTIFY.
class AuthService
{
public:
    AuthService(AuthSettings settings, std::shared_ptr<Clock> clock, std::shared_ptr<TokenCache> tokens = {});

    const AuthSettings &settings() const { return m_settings; }
    Clock &clock() const { return *m_clock; }

    void startLogin(QSqlDatabase db, const LoginTransaction &transaction);
    std::optional<LoginTransaction> takeLogin(QSqlDatabase db, const QString &stateHash);

    struct LoginResult
    {
        QString userId;
        std::optional<TokenPair> tokens; // web flow
        QByteArray handoffCode;          // native flow
    };
    // Finds or creates the user and account for `identity` and issues tokens (web) or a handoff code
    // (native), all in one transaction. Two simultaneous first logins of one identity make one user.
    LoginResult completeLogin(QSqlDatabase db, const LoginTransaction &transaction,
                              const ProviderIdentity &identity);

    enum class GrantError { None, InvalidGrant };
    struct Grant
    {
        std::optional<TokenPair> tokens;
        bool familyRevoked = false; // reuse detected
    };
    // POST /auth/token, grant_type=authorization_code. Any failure burns the code; a second
    // redemption also revokes the login the first one started.
    Grant redeemHandoff(QSqlDatabase db, const QByteArray &code, const QByteArray &codeVerifier,
                        const QString &redirectUri, const QString &userAgent);
    // Rotation. `sinceArrival` was started when the request arrived: only a presentation that arrives
    // after the rotation (a client retrying a lost response) can get the leeway, never a concurrent
    // duplicate. The leeway is judged by the database's clock alone.
    Grant refresh(QSqlDatabase db, const QByteArray &refreshToken, const QElapsedTimer &sinceArrival);

    TokenPair localLogin(QSqlDatabase db, const QString &userAgent);
    // A new login (family) for an existing user, as a sign-in with `provider` would store it
    // (bench and operator tooling).
    TokenPair issueLogin(QSqlDatabase db, const QString &userId, const QString &provider,
                         const QString &userAgent);

    void logout(QSqlDatabase db, const AuthContext &who, bool allSessions);
    bool revokeSession(QSqlDatabase db, const AuthContext &who, const QString &sessionId);
    QList<SessionRow> sessions(QSqlDatabase db, const AuthContext &who);
    // The GET /auth/me body, from what the token check read.
    static QByteArray meJson(const AuthContext &who, const UserProfile &profile);
    void sweep(QSqlDatabase db);

private:
    TokenPair issueFamily(QSqlDatabase &db, const QString &userId, const QString &provider,
                          const QString &userAgent, const QDateTime &now);
    TokenPair issuePair(QSqlDatabase &db, const QString &sessionId, const QString &userId,
                        const QDateTime &sessionExpiresAt, const QDateTime &now);
    void revokeFamily(QSqlDatabase &db, const QString &sessionId, const QDateTime &now,
                      const QString &reason);

    void forgetSession(const QString &sessionId) const;

    AuthSettings m_settings;
    std::shared_ptr<Clock> m_clock;
    std::shared_ptr<TokenCache> m_tokens;
};
