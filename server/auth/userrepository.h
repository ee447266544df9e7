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
class UserRepository
{
public:
    explicit UserRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    std::optional<UserRow> findActive(const QString &id);
    // The active user whose verified address equals `email` (case-insensitive).
    std::optional<UserRow> findByVerifiedEmail(const QString &email);
    // Inserts a user; nullopt when a concurrent login already created the verified-email owner
    // (or the local user): the caller retries its transaction and finds that one.
    std::optional<QString> insert(const QString &email, bool emailVerified, bool isLocal,
                                  const QDateTime &now);
    std::optional<QString> findLocal();
    // Provider names linked to the user, sorted ("local" for the local user).
    QStringList providers(const QString &userId);

private:
    QSqlDatabase m_db;
};
