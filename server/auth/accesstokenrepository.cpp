#include "auth/accesstokenrepository.h"

#include "db/sqlquery.h"

void AccessTokenRepository::insert(const QSqlDatabase &db, const QString &sessionId, const QString &userId,
                                   const QString &refreshTokenId, const QString &tokenHash,
                                   const QDateTime &expiresAt, const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "INSERT INTO access_tokens (session_id, user_id, refresh_token_id, token_hash, expires_at, "
            "created_at) VALUES (:session::uuid, :user::uuid, :refresh::uuid, :hash::text, "
            ":expires::timestamptz, :now::timestamptz)"),
        "access_tokens.insert");
    q.bind({{":session", sessionId},
            {":user", userId},
            {":refresh", refreshTokenId},
            {":hash", tokenHash},
            {":expires", expiresAt},
            {":now", now}})
        .exec();
}

std::optional<ValidatedAccessToken>
AccessTokenRepository::authenticate(const QSqlDatabase &db, const QString &tokenHash, const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral("SELECT a.id, a.user_id, a.session_id, u.email, u.created_at, "
                       "least(a.expires_at, s.expires_at) AS valid_until, "
                       "array_to_string(ARRAY(SELECT o.provider FROM oauth_accounts o WHERE o.user_id = u.id "
                       "UNION SELECT 'local' WHERE u.is_local ORDER BY 1), ',') AS providers "
                       "FROM access_tokens a "
                       "JOIN sessions s ON s.id = a.session_id JOIN users u ON u.id = a.user_id "
                       "WHERE a.token_hash = :hash::text AND a.revoked_at IS NULL "
                       "AND a.expires_at > :now::timestamptz AND s.revoked_at IS NULL "
                       "AND s.expires_at > :now::timestamptz AND u.deleted_at IS NULL"),
        "access_tokens.authenticate");
    q.bind(QStringLiteral(":hash"), tokenHash).bind(QStringLiteral(":now"), now).exec();
    if (!q.next())
        return std::nullopt;
    ValidatedAccessToken token;
    token.id = q.value(0).toString();
    token.who.userId = q.value(1).toString();
    token.who.familyId = q.value(2).toString();
    token.who.sessionId = token.who.familyId;
    token.who.email = q.value(3).toString();
    token.validUntil = q.value(5).toDateTime().toUTC();
    auto profile = std::make_shared<UserProfile>();
    profile->createdAt = q.value(4).toDateTime().toUTC();
    // Provider names are fixed identifiers (github, google, microsoft, local): no commas inside.
    profile->providers = q.value(6).toString().split(u',', Qt::SkipEmptyParts);
    token.profile = std::move(profile);
    return token;
}

void AccessTokenRepository::revokeIssuedWith(const QSqlDatabase &db, const QString &refreshTokenId,
                                             const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "UPDATE access_tokens SET revoked_at = :now::timestamptz WHERE refresh_token_id = :r::uuid "
            "AND revoked_at IS NULL"),
        "access_tokens.revokeIssuedWith");
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":r"), refreshTokenId).exec();
}

void AccessTokenRepository::revokeSession(const QSqlDatabase &db, const QString &sessionId,
                                          const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE access_tokens SET revoked_at = :now::timestamptz WHERE session_id = :s::uuid "
                       "AND revoked_at IS NULL"),
        "access_tokens.revokeSession");
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":s"), sessionId).exec();
}

int AccessTokenRepository::sweep(const QSqlDatabase &db, const QDateTime &olderThan)
{
    SqlQuery q(db, QStringLiteral("DELETE FROM access_tokens WHERE expires_at < :t::timestamptz"),
               "access_tokens.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
