#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

struct UserRow
{
    QString id;
    QString email; // empty when the user has none
    bool emailVerified = false;
    bool isLocal = false;
    QDateTime createdAt;
};

// SQL for `users` as auth needs it.
namespace UserRepository {

std::optional<UserRow> findActive(const QSqlDatabase &db, const QString &id);
// The active user whose verified address equals `email` (case-insensitive).
std::optional<UserRow> findByVerifiedEmail(const QSqlDatabase &db, const QString &email);
// Inserts a user; nullopt when a concurrent login already created the verified-email owner
// (or the local user): the caller retries its transaction and finds that one.
std::optional<QString> insert(const QSqlDatabase &db, const QString &email, bool emailVerified, bool isLocal,
                              const QDateTime &now);
std::optional<QString> findLocal(const QSqlDatabase &db);
// Provider names linked to the user, sorted ("local" for the local user).
QStringList providers(const QSqlDatabase &db, const QString &userId);

} // namespace UserRepository
