#include "auth/handoffcoderepository.h"

#include "db/sqlquery.h"

namespace {

// Columns: id, user_id, provider, code_challenge, redirect_uri, user_agent, expires_at, used_at, session_id.
HandoffCode readCode(const SqlQuery &q)
{
    HandoffCode c;
    c.id = q.text(0);
    c.userId = q.text(1);
    c.provider = q.text(2);
    c.codeChallenge = q.text(3);
    c.redirectUri = q.text(4);
    c.userAgent = q.text(5);
    c.expiresAt = q.time(6);
    c.usedAt = q.time(7); // invalid while unused
    c.sessionId = q.text(8);
    return c;
}

} // namespace

void HandoffCodeRepository::insert(const QSqlDatabase &db, const QString &codeHash, const QString &userId,
                                   const QString &provider, const QString &challenge,
                                   const QString &redirectUri, const QString &userAgent,
                                   const QDateTime &expiresAt, const QDateTime &now)
{
    SqlQuery q(db,
               QStringLiteral(
                   "INSERT INTO handoff_codes (code_hash, user_id, provider, code_challenge, redirect_uri, "
                   "user_agent, expires_at, created_at) VALUES (:hash::text, :user::uuid, :provider::text, "
                   ":challenge::text, :redirect::text, :ua::text, :expires::timestamptz, :now::timestamptz)"),
               "handoff_codes.insert");
    q.bind({{":hash", codeHash},
            {":user", userId},
            {":provider", provider},
            {":challenge", challenge},
            {":redirect", redirectUri},
            {":ua", nullIfEmpty(userAgent)},
            {":expires", expiresAt},
            {":now", now}})
        .exec();
}

std::optional<HandoffCode> HandoffCodeRepository::lock(const QSqlDatabase &db, const QString &codeHash)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "SELECT id, user_id, provider, code_challenge, redirect_uri, user_agent, expires_at, used_at, "
            "session_id FROM handoff_codes WHERE code_hash = :hash::text FOR UPDATE"),
        "handoff_codes.lock");
    return q.bind(":hash", codeHash).exec().single(readCode);
}

void HandoffCodeRepository::markUsed(const QSqlDatabase &db, const QString &id, const QDateTime &now,
                                     const QString &sessionId)
{
    SqlQuery q(
        db,
        QStringLiteral("UPDATE handoff_codes SET used_at = :now::timestamptz, session_id = :session::uuid "
                       "WHERE id = :id::uuid"),
        "handoff_codes.markUsed");
    q.bind({{":now", now}, {":session", nullIfEmpty(sessionId)}, {":id", id}}).exec();
}

int HandoffCodeRepository::sweep(const QSqlDatabase &db, const QDateTime &olderThan)
{
    SqlQuery q(db, QStringLiteral("DELETE FROM handoff_codes WHERE expires_at < :t::timestamptz"),
               "handoff_codes.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
