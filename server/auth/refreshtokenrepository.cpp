#include "auth/refreshtokenrepository.h"

#include "db/sqlquery.h"

namespace {
QDateTime optionalTime(SqlQuery &q, const QString &column)
{
    return q.isNull(column) ? QDateTime() : q.value(column).toDateTime().toUTC();
}

RefreshTokenRow read(SqlQuery &q)
{
    RefreshTokenRow r;
    r.id = q.value(QStringLiteral("id")).toString();
    r.sessionId = q.value(QStringLiteral("session_id")).toString();
    r.userId = q.value(QStringLiteral("user_id")).toString();
    r.expiresAt = q.value(QStringLiteral("expires_at")).toDateTime().toUTC();
    r.usedAt = optionalTime(q, QStringLiteral("used_at"));
    r.revokedAt = optionalTime(q, QStringLiteral("revoked_at"));
    r.revokeReason = q.value(QStringLiteral("revoke_reason")).toString();
    r.successorId = q.value(QStringLiteral("successor_id")).toString();
    r.sessionExpiresAt = q.value(QStringLiteral("session_expires_at")).toDateTime().toUTC();
    r.sessionRevokedAt = optionalTime(q, QStringLiteral("session_revoked_at"));
    return r;
}

const QString kSelect = QStringLiteral(
    "SELECT r.id, r.session_id, r.user_id, r.expires_at, r.used_at, r.revoked_at, r.revoke_reason, "
    "r.successor_id, "
    "s.expires_at AS session_expires_at, s.revoked_at AS session_revoked_at "
    "FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id ");

const QString kInsert =
    QStringLiteral("INSERT INTO refresh_tokens (session_id, user_id, token_hash, expires_at, created_at) "
                   "VALUES (:session::uuid, :user::uuid, :hash::text, :expires::timestamptz, "
                   ":now::timestamptz) RETURNING id");
} // namespace

QString RefreshTokenRepository::insert(const QSqlDatabase &db, const QString &sessionId,
                                       const QString &userId, const QString &tokenHash,
                                       const QDateTime &expiresAt, const QDateTime &now)
{
    SqlQuery q(db, kInsert, "refresh_tokens.insert");
    q.bind({{":session", sessionId},
            {":user", userId},
            {":hash", tokenHash},
            {":expires", expiresAt},
            {":now", now}});
    q.exec().next();
    return q.text(0);
}

std::optional<RefreshTokenRow> RefreshTokenRepository::lockByHash(const QSqlDatabase &db,
                                                                  const QString &tokenHash)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE r.token_hash = :hash::text FOR UPDATE OF r, s"),
               "refresh_tokens.lockByHash");
    q.bind(QStringLiteral(":hash"), tokenHash).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

std::optional<RefreshTokenRow> RefreshTokenRepository::find(const QSqlDatabase &db, const QString &id)
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE r.id = :id::uuid"), "refresh_tokens.find");
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

void RefreshTokenRepository::markUsed(const QSqlDatabase &db, const QString &id, const QString &successorId)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE refresh_tokens SET used_at = clock_timestamp(), successor_id = :next::uuid "
                       "WHERE id = :id::uuid"),
        "refresh_tokens.markUsed");
    q.bind(QStringLiteral(":next"), successorId).bind(QStringLiteral(":id"), id).exec();
}

RotationTiming RefreshTokenRepository::rotationTiming(const QSqlDatabase &db, const QString &id,
                                                      qint64 requestAgeMs, qint64 leewayS)
{
    // clock_timestamp(), not now(): now() is when this transaction began, possibly before it waited
    // for the row lock held by the rotation itself.
    SqlQuery q(
        db,
        QStringLiteral("SELECT used_at < clock_timestamp() - make_interval(secs => :age::float8 / 1000), "
                       "clock_timestamp() - used_at <= make_interval(secs => :leeway::float8) "
                       "FROM refresh_tokens WHERE id = :id::uuid AND used_at IS NOT NULL"),
        "refresh_tokens.rotationTiming");
    q.bind({{":age", requestAgeMs}, {":leeway", leewayS}, {":id", id}}).exec();
    if (!q.next())
        return {};
    return RotationTiming{q.value(0).toBool(), q.value(1).toBool()};
}

void RefreshTokenRepository::setSuccessor(const QSqlDatabase &db, const QString &id,
                                          const QString &successorId)
{
    SqlQuery q(db,
               QStringLiteral("UPDATE refresh_tokens SET successor_id = :next::uuid WHERE id = :id::uuid"),
               "refresh_tokens.setSuccessor");
    q.bind(QStringLiteral(":next"), successorId).bind(QStringLiteral(":id"), id).exec();
}

void RefreshTokenRepository::revoke(const QSqlDatabase &db, const QString &id, const QDateTime &now,
                                    const QString &reason)
{
    SqlQuery q(db,
               QStringLiteral(
                   "UPDATE refresh_tokens SET revoked_at = :now::timestamptz, revoke_reason = :reason::text "
                   "WHERE id = :id::uuid AND revoked_at IS NULL"),
               "refresh_tokens.revoke");
    q.bind({{":now", now}, {":reason", reason}, {":id", id}}).exec();
}

void RefreshTokenRepository::revokeSession(const QSqlDatabase &db, const QString &sessionId,
                                           const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "UPDATE refresh_tokens SET revoked_at = :now::timestamptz WHERE session_id = :session::uuid "
            "AND revoked_at IS NULL"),
        "refresh_tokens.revokeSession");
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":session"), sessionId).exec();
}
