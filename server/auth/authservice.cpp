#include "auth/authservice.h"

#include "auth/accesstokenrepository.h"
#include "auth/handoffcoderepository.h"
#include "auth/oauthaccountrepository.h"
#include "auth/refreshtokenrepository.h"
#include "auth/tokencache.h"
#include "auth/tokencrypto.h"
#include "auth/userrepository.h"
#include "db/dberror.h"
#include "db/transaction.h"
#include "http/apierror.h"

#include "core/logging.h"
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

QJsonObject TokenPair::toJson(bool rfc6749Names) const
{
    QJsonObject o{
        {QStringLiteral("accessToken"), QString::fromLatin1(accessToken)},
        {QStringLiteral("refreshToken"), QString::fromLatin1(refreshToken)},
        {QStringLiteral("expiresAt"), iso(expiresAt)},
    };
    if (rfc6749Names) {
        o.insert(QStringLiteral("access_token"), QString::fromLatin1(accessToken));
        o.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken));
        o.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
        o.insert(QStringLiteral("expires_in"), expiresIn);
    }
    return o;
}

AuthService::AuthService(AuthSettings settings, std::shared_ptr<Clock> clock,
                         std::shared_ptr<TokenCache> tokens)
    : m_settings(std::move(settings))
    , m_clock(std::move(clock))
    , m_tokens(std::move(tokens))
{}

void AuthService::forgetSession(const QString &sessionId) const
{
    if (m_tokens && !sessionId.isEmpty())
        m_tokens->revokeSession(sessionId);
}

void AuthService::startLogin(QSqlDatabase db, const LoginTransaction &transaction)
{
    LoginTransactionRepository::insert(db, transaction);
}

std::optional<LoginTransaction> AuthService::takeLogin(QSqlDatabase db, const QString &stateHash)
{
    return LoginTransactionRepository::take(db, stateHash);
}

TokenPair AuthService::issuePair(QSqlDatabase &db, const QString &sessionId, const QString &userId,
                                 const QDateTime &sessionExpiresAt, const QDateTime &now)
{
    TokenPair pair;
    pair.sessionId = sessionId;
    pair.accessToken = tokencrypto::randomToken(32);
    pair.refreshToken = tokencrypto::randomToken(32);
    pair.expiresAt = std::min(now.addSecs(m_settings.accessTokenTtlS), sessionExpiresAt);
    pair.expiresIn = now.secsTo(pair.expiresAt);
    // The idle limit lives on each token: unused for REFRESH_TOKEN_IDLE_TTL_S, it expires.
    const QDateTime refreshExpiresAt = std::min(now.addSecs(m_settings.refreshIdleTtlS), sessionExpiresAt);
    pair.refreshTokenId = RefreshTokenRepository::insert(
        db, sessionId, userId, tokencrypto::hash(pair.refreshToken), refreshExpiresAt, now);
    AccessTokenRepository::insert(db, sessionId, userId, pair.refreshTokenId,
                                  tokencrypto::hash(pair.accessToken), pair.expiresAt, now);
    return pair;
}

TokenPair AuthService::issueFamily(QSqlDatabase &db, const QString &userId, const QString &provider,
                                   const QString &userAgent, const QDateTime &now)
{
    const QDateTime sessionExpiresAt = now.addSecs(m_settings.refreshAbsoluteTtlS);
    const QString sessionId =
        SessionRepository::create(db, userId, provider, userAgent, now, sessionExpiresAt);
    return issuePair(db, sessionId, userId, sessionExpiresAt, now);
}

void AuthService::revokeFamily(QSqlDatabase &db, const QString &sessionId, const QDateTime &now,
                               const QString &reason)
{
    SessionRepository::revoke(db, sessionId, now, reason);
    RefreshTokenRepository::revokeSession(db, sessionId, now);
    AccessTokenRepository::revokeSession(db, sessionId, now);
}

AuthService::LoginResult AuthService::completeLogin(QSqlDatabase db, const LoginTransaction &transaction,
                                                    const ProviderIdentity &identity)
{
    // READ COMMITTED plus "insert or find out someone else did": a lost race (the account or the
    // verified email was created by a concurrent first login) rolls back and runs again, and the
    // second run finds the winner's rows.
    for (int attempt = 1; attempt <= 4; ++attempt) {
        try {
            Transaction tx(db);
            const QDateTime now = m_clock->now();
            std::optional<QString> userId = OAuthAccountRepository::touch(
                db, transaction.provider, identity.subject, identity.email, identity.emailVerified, now);
            if (!userId) {
                if (identity.emailVerified) {
                    if (auto existing = UserRepository::findByVerifiedEmail(db, identity.email))
                        userId = existing->id;
                }
                if (!userId)
                    userId = UserRepository::insert(db, identity.email, identity.emailVerified, false, now);
                if (!userId ||
                    !OAuthAccountRepository::insert(db, *userId, transaction.provider, identity.subject,
                                                    identity.email, identity.emailVerified, now)) {
                    tx.rollback();
                    qCDebug(lcAuth) << "first-login race lost, retrying (attempt" << attempt << ")";
                    continue;
                }
            }
            LoginResult result;
            result.userId = *userId;
            if (transaction.isNative()) {
                result.handoffCode = tokencrypto::randomToken(32);
                HandoffCodeRepository::insert(db, tokencrypto::hash(result.handoffCode), *userId,
                                              transaction.provider, transaction.codeChallenge,
                                              transaction.redirectUri, transaction.userAgent,
                                              now.addSecs(m_settings.handoffTtlS), now);
            } else {
                result.tokens = issueFamily(db, *userId, transaction.provider, transaction.userAgent, now);
            }
            tx.commit();
            return result;
        } catch (const DbError &error) {
            if (!error.isRetryable() || attempt == 4)
                throw;
        }
    }
    // Only an account whose user was deleted keeps losing: it cannot sign in.
    throw ApiError::forbidden(QStringLiteral("This account is disabled."));
}

AuthService::Grant AuthService::redeemHandoff(QSqlDatabase db, const QByteArray &code,
                                              const QByteArray &codeVerifier, const QString &redirectUri,
                                              const QString &userAgent)
{
    QString revoked;
    Grant grant = withTransaction(db, [&]() -> Grant {
        revoked.clear();
        const QDateTime now = m_clock->now();
        const auto row = HandoffCodeRepository::lock(db, tokencrypto::hash(code));
        if (!row)
            return {};
        if (row->usedAt.isValid()) {
            // RFC 6749 §4.1.2: a code presented twice revokes what it issued.
            if (!row->sessionId.isEmpty()) {
                revokeFamily(db, row->sessionId, now, QStringLiteral("handoff code reused"));
                revoked = row->sessionId;
            }
            qCInfo(lcAuth) << "handoff code presented again; its login was revoked";
            return Grant{std::nullopt, true};
        }
        const bool verifierOk = tokencrypto::isValidVerifier(codeVerifier) &&
                                tokencrypto::constantTimeEquals(tokencrypto::pkceChallenge(codeVerifier),
                                                                row->codeChallenge.toLatin1());
        if (row->expiresAt <= now || !verifierOk || redirectUri != row->redirectUri ||
            !UserRepository::findActive(db, row->userId)) {
            HandoffCodeRepository::markUsed(db, row->id, now, QString()); // burned
            return {};
        }
        TokenPair pair = issueFamily(db, row->userId, row->provider,
                                     userAgent.isEmpty() ? row->userAgent : userAgent, now);
        HandoffCodeRepository::markUsed(db, row->id, now, pair.sessionId);
        return Grant{pair, false};
    });
    forgetSession(revoked);
    return grant;
}

AuthService::Grant AuthService::refresh(QSqlDatabase db, const QByteArray &refreshToken,
                                        const QElapsedTimer &sinceArrival)
{
    // Rotation revokes the access tokens issued with the presented refresh token, reuse the whole
    // family: either way only this session's cached tokens can be affected.
    QString revoked;
    Grant grant = withTransaction(db, [&]() -> Grant {
        revoked.clear();
        const QDateTime now = m_clock->now();
        const auto row = RefreshTokenRepository::lockByHash(db, tokencrypto::hash(refreshToken));
        if (!row || row->sessionRevokedAt.isValid() || row->sessionExpiresAt <= now)
            return {};
        if (row->revokedAt.isValid()) {
            // Replaced because its predecessor was presented again within the leeway: the one who
            // presents it now did not get the replacement, so two parties hold this family.
            if (row->revokeReason == RefreshTokenRepository::kReplacedAfterReplay) {
                revokeFamily(db, row->sessionId, now, QStringLiteral("replaced refresh token presented"));
                revoked = row->sessionId;
                qCWarning(lcAuth) << "a refresh token replaced after a replay was presented; session"
                                  << row->sessionId << "revoked";
                return Grant{std::nullopt, true};
            }
            return {};
        }
        if (!row->usedAt.isValid()) {
            if (row->expiresAt <= now)
                return {}; // idle timeout
            TokenPair pair = issuePair(db, row->sessionId, row->userId, row->sessionExpiresAt, now);
            AccessTokenRepository::revokeIssuedWith(db, row->id, now);
            revoked = row->sessionId;
            SessionRepository::touch(db, row->sessionId, now);
            // Last before COMMIT: the rotation time then marks (almost) when it became visible.
            RefreshTokenRepository::markUsed(db, row->id, pair.refreshTokenId);
            return Grant{pair, false};
        }

        // Already used. The leeway (off by default) lets a client whose response was lost present the
        // immediately previous token again: the request must have arrived after the rotation (a
        // concurrent duplicate does not qualify), within REFRESH_REUSE_LEEWAY_S of it by the
        // database's clock, and its successor must still be the unused head of the family. That
        // successor is then replaced, so presenting it later ends the family. Anything else is reuse.
        if (m_settings.refreshReuseLeewayS > 0 && !row->successorId.isEmpty()) {
            const RotationTiming timing = RefreshTokenRepository::rotationTiming(
                db, row->id, sinceArrival.elapsed(), m_settings.refreshReuseLeewayS);
            const auto successor = timing.arrivedAfterRotation && timing.withinLeeway
                                       ? RefreshTokenRepository::find(db, row->successorId)
                                       : std::nullopt;
            if (successor && !successor->usedAt.isValid() && !successor->revokedAt.isValid()) {
                RefreshTokenRepository::revoke(db, successor->id, now,
                                               RefreshTokenRepository::kReplacedAfterReplay);
                AccessTokenRepository::revokeIssuedWith(db, successor->id, now);
                revoked = row->sessionId;
                TokenPair pair = issuePair(db, row->sessionId, row->userId, row->sessionExpiresAt, now);
                RefreshTokenRepository::setSuccessor(db, row->id, pair.refreshTokenId);
                SessionRepository::touch(db, row->sessionId, now);
                qCInfo(lcAuth) << "refresh retried within the leeway; the previous successor was replaced";
                return Grant{pair, false};
            }
        }
        revokeFamily(db, row->sessionId, now, QStringLiteral("refresh token reuse"));
        revoked = row->sessionId;
        qCWarning(lcAuth) << "refresh token reuse detected; session" << row->sessionId << "revoked";
        return Grant{std::nullopt, true};
    });
    forgetSession(revoked);
    return grant;
}

TokenPair AuthService::localLogin(QSqlDatabase db, const QString &userAgent)
{
    for (int attempt = 1; attempt <= 3; ++attempt) {
        Transaction tx(db);
        const QDateTime now = m_clock->now();
        std::optional<QString> userId = UserRepository::findLocal(db);
        if (!userId)
            userId = UserRepository::insert(db, QString(), false, true, now);
        if (!userId) {
            tx.rollback(); // a concurrent local sign-in created the user
            continue;
        }
        TokenPair pair = issueFamily(db, *userId, QStringLiteral("local"), userAgent, now);
        tx.commit();
        return pair;
    }
    throw ApiError::internal();
}

TokenPair AuthService::issueLogin(QSqlDatabase db, const QString &userId, const QString &provider,
                                  const QString &userAgent)
{
    return withTransaction(db, [&] { return issueFamily(db, userId, provider, userAgent, m_clock->now()); });
}

void AuthService::logout(QSqlDatabase db, const AuthContext &who, bool allSessions)
{
    withTransaction(db, [&] {
        const QDateTime now = m_clock->now();
        if (!allSessions) {
            revokeFamily(db, who.sessionId, now, QStringLiteral("logout"));
            return;
        }
        const QStringList ids =
            SessionRepository::revokeAllOfUser(db, who.userId, now, QStringLiteral("logout all"));
        for (const QString &id : ids) {
            RefreshTokenRepository::revokeSession(db, id, now);
            AccessTokenRepository::revokeSession(db, id, now);
        }
    });
    if (!m_tokens)
        return;
    if (allSessions)
        m_tokens->revokeUser(who.userId);
    else
        m_tokens->revokeSession(who.sessionId);
}

bool AuthService::revokeSession(QSqlDatabase db, const AuthContext &who, const QString &sessionId)
{
    const bool revoked = withTransaction(db, [&] {
        const QDateTime now = m_clock->now();
        if (!SessionRepository::revokeOwned(db, who.userId, sessionId, now,
                                            QStringLiteral("revoked by user")))
            return false;
        RefreshTokenRepository::revokeSession(db, sessionId, now);
        AccessTokenRepository::revokeSession(db, sessionId, now);
        return true;
    });
    if (revoked)
        forgetSession(sessionId);
    return revoked;
}

QList<SessionRow> AuthService::sessions(QSqlDatabase db, const AuthContext &who)
{
    const QDateTime now = m_clock->now();
    return SessionRepository::listActive(db, who.userId, now, now.addSecs(-m_settings.refreshIdleTtlS));
}

QByteArray AuthService::meJson(const AuthContext &who, const UserProfile &profile)
{
    const QJsonObject me{
        {QStringLiteral("id"), who.userId},
        {QStringLiteral("email"), who.email.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(who.email)},
        {QStringLiteral("providers"), QJsonArray::fromStringList(profile.providers)},
        {QStringLiteral("createdAt"), iso(profile.createdAt)},
    };
    return QJsonDocument(me).toJson(QJsonDocument::Compact);
}

void AuthService::sweep(QSqlDatabase db)
{
    const QDateTime now = m_clock->now();
    const int logins = LoginTransactionRepository::sweep(db, now.addSecs(-3600));
    const int codes = HandoffCodeRepository::sweep(db, now.addDays(-1));
    const int access = AccessTokenRepository::sweep(db, now.addDays(-1));
    const int sessions = SessionRepository::sweep(db, now.addDays(-30));
    if (logins + codes + access + sessions > 0)
        qCInfo(lcAuth) << "swept" << logins << "login transactions," << codes << "handoff codes," << access
                       << "access tokens," << sessions << "sessions";
}
