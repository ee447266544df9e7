#include "auth/oauthaccountrepository.h"

#include "db/sqlquery.h"

std::optional<QString> OAuthAccountRepository::touch(const QSqlDatabase &db, const QString &provider,
                                                     const QString &subject, const QString &email,
                                                     bool emailVerified, const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "UPDATE oauth_accounts a SET last_login_at = :now::timestamptz, updated_at = :now::timestamptz, "
            "email = :email::text, email_verified = :verified::boolean "
            "FROM users u WHERE u.id = a.user_id AND u.deleted_at IS NULL "
            "AND a.provider = :provider::text AND a.provider_account_id = :subject::text "
            "RETURNING a.user_id"),
        "oauth_accounts.touch");
    q.bind({{":now", now},
            {":email", nullIfEmpty(email)},
            {":verified", emailVerified},
            {":provider", provider},
            {":subject", subject}})
        .exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

bool OAuthAccountRepository::insert(const QSqlDatabase &db, const QString &userId, const QString &provider,
                                    const QString &subject, const QString &email, bool emailVerified,
                                    const QDateTime &now)
{
    SqlQuery q(
        db,
        QStringLiteral(
            "INSERT INTO oauth_accounts (user_id, provider, provider_account_id, email, email_verified, "
            "last_login_at, created_at, updated_at) VALUES (:user::uuid, :provider::text, :subject::text, "
            ":email::text, :verified::boolean, :now::timestamptz, :now::timestamptz, :now::timestamptz) "
            "ON CONFLICT (provider, provider_account_id) DO NOTHING RETURNING id"),
        "oauth_accounts.insert");
    q.bind({{":user", userId},
            {":provider", provider},
            {":subject", subject},
            {":email", nullIfEmpty(email)},
            {":verified", emailVerified},
            {":now", now}})
        .exec();
    return q.next();
}
