#include "auth/handoffcoderepository.h"

#include "db/sqlquery.h"

void HandoffCodeRepository::insert(const QString &codeHash, const QString &userId, const QString &provider,
                                   const QString &challenge, const QString &redirectUri,
                                   const QString &userAgent, const QDateTime &expiresAt, const QDateTime &now)
{
    SqlQuery q(m_db,
               QStringLiteral(
                   "INSERT INTO handoff_codes (code_hash, user_id, provider, code_challenge, redirect_uri, "
                   "user_agent, expires_at, created_at) VALUES (:hash::text, :user::uuid, :provider::text, "
                   ":challenge::text, :redirect::text, :ua::text, :expires::timestamptz, :now::timestamptz)"),
               "handoff_codes.insert");
    q.bind(QStringLiteral(":hash"), codeHash)
        .bind(QStringLiteral(":user"), userId)
        .bind(QStringLiteral(":provider"), provider)
        .bind(QStringLiteral(":challenge"), challenge)
        .bind(QStringLiteral(":redirect"), redirectUri)
        .bind(QStringLiteral(":ua"),
              userAgent.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(userAgent))
        .bind(QStringLiteral(":expires"), expiresAt)
        .bind(QStringLiteral(":now"), now)
        .exec();
}

std::optional<HandoffCode> HandoffCodeRepository::lock(const QString &codeHash)
{
    SqlQuery q(
        m_db,
        QStringLiteral(
            "SELECT id, user_id, provider, code_challenge, redirect_uri, user_agent, expires_at, used_at, "
            "session_id FROM handoff_codes WHERE code_hash = :hash::text FOR UPDATE"),
        "handoff_codes.lock");
    q.bind(QStringLiteral(":hash"), codeHash).exec();
    if (!q.next())
        return std::nullopt;
    HandoffCode c;
    c.id = q.value(0).toString();
    c.userId = q.value(1).toString();
    c.provider = q.value(2).toString();
    c.codeChallenge = q.value(3).toString();
    c.redirectUri = q.value(4).toString();
    c.userAgent = q.value(5).toString();
    c.expiresAt = q.value(6).toDateTime().toUTC();
    if (!q.isNull(QStringLiteral("used_at")))
        c.usedAt = q.value(7).toDateTime().toUTC();
    c.sessionId = q.value(8).toString();
    return c;
}

void HandoffCodeRepository::markUsed(const QString &id, const QDateTime &now, const QString &sessionId)
{
    SqlQuery q(
        m_db,
        QStringLiteral("UPDATE handoff_codes SET used_at = :now::timestamptz, session_id = :session::uuid "
                       "WHERE id = :id::uuid"),
        "handoff_codes.markUsed");
    q.bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":session"),
              sessionId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(sessionId))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

int HandoffCodeRepository::sweep(const QDateTime &olderThan)
{
    SqlQuery q(m_db, QStringLiteral("DELETE FROM handoff_codes WHERE expires_at < :t::timestamptz"),
               "handoff_codes.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
