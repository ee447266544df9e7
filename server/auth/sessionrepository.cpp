#include "auth/sessionrepository.h"

#include "db/sqlquery.h"

QString SessionRepository::create(const QSqlDatabase &db, const QString &userId, const QString &provider,
                                  const QString &userAgent, const QDateTime &now, const QDateTime &expiresAt)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "INSERT INTO sessions (user_id, provider, user_agent, expires_at, created_at, last_activity_at) "
            "VALUES (:user::uuid, :provider::text, :ua::text, :expires::timestamptz, :now::timestamptz, "
            ":now::timestamptz) RETURNING id"),
        "sessions.create");
    q.bind({{":user", userId},
            {":provider", provider},
            {":ua", nullIfEmpty(userAgent)},
            {":expires", expiresAt},
            {":now", now}})
        .exec();
    q.next();
    return q.value(0).toString();
}

void SessionRepository::touch(const QSqlDatabase &db, const QString &id, const QDateTime &now)
{
    SqlQuery q(
        db, QStringLiteral("UPDATE sessions SET last_activity_at = :now::timestamptz WHERE id = :id::uuid"),
        "sessions.touch");
    q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":id"), id).exec();
}

bool SessionRepository::revoke(const QSqlDatabase &db, const QString &id, const QDateTime &now,
                               const QString &reason)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE sessions SET revoked_at = :now::timestamptz, revoke_reason = :reason::text "
                       "WHERE id = :id::uuid AND revoked_at IS NULL"),
        "sessions.revoke");
    q.bind({{":now", now}, {":reason", reason}, {":id", id}}).exec();
    return q.numRowsAffected() > 0;
}

bool SessionRepository::revokeOwned(const QSqlDatabase &db, const QString &userId, const QString &id,
                                    const QDateTime &now, const QString &reason)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE sessions SET revoked_at = :now::timestamptz, revoke_reason = :reason::text "
                       "WHERE id = :id::uuid AND user_id = :user::uuid AND revoked_at IS NULL "
                       "AND expires_at > :now::timestamptz"),
        "sessions.revokeOwned");
    q.bind({{":now", now}, {":reason", reason}, {":id", id}, {":user", userId}}).exec();
    return q.numRowsAffected() > 0;
}

QStringList SessionRepository::revokeAllOfUser(const QSqlDatabase &db, const QString &userId,
                                               const QDateTime &now, const QString &reason)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE sessions SET revoked_at = :now::timestamptz, revoke_reason = :reason::text "
                       "WHERE user_id = :user::uuid AND revoked_at IS NULL RETURNING id"),
        "sessions.revokeAllOfUser");
    q.bind({{":now", now}, {":reason", reason}, {":user", userId}}).exec();
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

QList<SessionRow> SessionRepository::listActive(const QSqlDatabase &db, const QString &userId,
                                                const QDateTime &now, const QDateTime &idleCutoff)
{
    SqlQuery q(
        db,
        QStringLiteral("SELECT id, user_id, provider, user_agent, created_at, last_activity_at, expires_at "
                       "FROM sessions WHERE user_id = :user::uuid AND revoked_at IS NULL "
                       "AND expires_at > :now::timestamptz AND last_activity_at > :idle::timestamptz "
                       "ORDER BY last_activity_at DESC, id LIMIT 200"),
        "sessions.listActive");
    q.bind({{":user", userId}, {":now", now}, {":idle", idleCutoff}}).exec();
    QList<SessionRow> rows;
    while (q.next()) {
        SessionRow s;
        s.id = q.value(0).toString();
        s.userId = q.value(1).toString();
        s.provider = q.value(2).toString();
        s.userAgent = q.value(3).toString();
        s.createdAt = q.value(4).toDateTime().toUTC();
        s.lastActivityAt = q.value(5).toDateTime().toUTC();
        s.expiresAt = q.value(6).toDateTime().toUTC();
        rows << s;
    }
    return rows;
}

int SessionRepository::sweep(const QSqlDatabase &db, const QDateTime &olderThan)
{
    // Tokens go with their session (ON DELETE CASCADE).
    SqlQuery q(db,
               QStringLiteral(
                   "DELETE FROM sessions WHERE expires_at < :t::timestamptz OR revoked_at < :t::timestamptz"),
               "sessions.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
