#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// SQL for `oauth_accounts`: (provider, provider_account_id) → user. No provider tokens.
namespace OAuthAccountRepository {

// The user of an account (only if that user is active); records the login.
std::optional<QString> touch(const QSqlDatabase &db, const QString &provider, const QString &subject,
                             const QString &email, bool emailVerified, const QDateTime &now);
// false when the account already exists (a concurrent first login won the race).
bool insert(const QSqlDatabase &db, const QString &userId, const QString &provider, const QString &subject,
            const QString &email, bool emailVerified, const QDateTime &now);

} // namespace OAuthAccountRepository
