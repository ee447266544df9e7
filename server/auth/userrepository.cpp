#include "auth/userrepository.h"

#include "db/sqlquery.h"

namespace {
UserRow readUser(SqlQuery &q)
{
    UserRow u;
    u.id = q.value(QStringLiteral("id")).toString();
    u.email = q.value(QStringLiteral("email")).toString();
    u.emailVerified = q.value(QStringLiteral("email_verified")).toBool();
    u.isLocal = q.value(QStringLiteral("is_local")).toBool();
    u.createdAt = q.value(QStringLiteral("created_at")).toDateTime().toUTC();
    return u;
}
} // namespace

std::optional<UserRow> UserRepository::findActive(const QSqlDatabase &db, const QString &id)
{
    SqlQuery q(db,
               QStringLiteral("SELECT id, email, email_verified, is_local, created_at FROM users "
                              "WHERE id = :id::uuid AND deleted_at IS NULL"),
               "users.findActive");
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

std::optional<UserRow> UserRepository::findByVerifiedEmail(const QSqlDatabase &db, const QString &email)
{
    SqlQuery q(
        db,
        QStringLiteral("SELECT id, email, email_verified, is_local, created_at FROM users "
                       "WHERE lower(email) = lower(:email::text) AND email_verified AND deleted_at IS NULL"),
        "users.findByVerifiedEmail");
    q.bind(QStringLiteral(":email"), email).exec();
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

std::optional<QString> UserRepository::insert(const QSqlDatabase &db, const QString &email,
                                              bool emailVerified, bool isLocal, const QDateTime &now)
{
    // ON CONFLICT without a target covers both partial unique indexes (verified email, local user).
    SqlQuery q(db,
               QStringLiteral("INSERT INTO users (email, email_verified, is_local, created_at) "
                              "VALUES (:email::text, :verified::boolean, :local::boolean, :now::timestamptz) "
                              "ON CONFLICT DO NOTHING RETURNING id"),
               "users.insert");
    q.bind({{":email", nullIfEmpty(email)}, {":verified", emailVerified}, {":local", isLocal}, {":now", now}})
        .exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

std::optional<QString> UserRepository::findLocal(const QSqlDatabase &db)
{
    SqlQuery q(db, QStringLiteral("SELECT id FROM users WHERE is_local AND deleted_at IS NULL"),
               "users.findLocal");
    q.exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

QStringList UserRepository::providers(const QSqlDatabase &db, const QString &userId)
{
    SqlQuery q(db,
               QStringLiteral("SELECT provider FROM oauth_accounts WHERE user_id = :id::uuid "
                              "UNION SELECT 'local' FROM users WHERE id = :id::uuid AND is_local ORDER BY 1"),
               "users.providers");
    q.bind(QStringLiteral(":id"), userId).exec();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}
