#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct ApiKeyRow
{
    QString id;
    QString userId;
    QString name;
    QString prefix;       // "pi_" + 8 characters; empty for rows older than migration 0004
    QDateTime createdAt;  // UTC
    QDateTime expiresAt;  // invalid: never expires
    QDateTime lastUsedAt; // invalid: never used (as far as the last flush knows)
};

// What authenticating a key needs: the row behind a key hash, whatever its state, so the caller can
// tell (and log) revoked and expired keys apart from unknown ones.
struct ApiKeyCredential
{
    QString id;
    QString userId;
    QString keyHash;
    QString email;       // may be empty (local user, providers without an email)
    QDateTime expiresAt; // invalid: never
    QDateTime revokedAt; // invalid: live
    bool userDeleted = false;
};

// SQL for `api_keys`: the user's keys, looked up by the SHA-256 of the key, never the key itself.
// Every time comes from the caller's injected clock.
namespace ApiKeyRepository {

// Inserts a key unless the user already has `maxActive` live (unrevoked, unexpired) keys; then
// returns nullopt. The count and the insert run in one transaction serialised per user, so two
// concurrent requests cannot both take the last place.
std::optional<ApiKeyRow> insertWithinCap(const QSqlDatabase &db, const QString &userId, const QString &name,
                                         const QString &keyHash, const QString &prefix,
                                         const QDateTime &expiresAt, const QDateTime &now, int maxActive);
std::optional<ApiKeyCredential> findByHash(const QSqlDatabase &db, const QString &keyHash);
// The user's unrevoked keys, newest first, expired ones included (so the user sees why a script
// stopped working) until the sweep removes them.
QList<ApiKeyRow> listOfUser(const QSqlDatabase &db, const QString &userId);
// Revokes one of `userId`'s keys; false when the user has no such unrevoked key.
bool revokeOwned(const QSqlDatabase &db, const QString &userId, const QString &id, const QDateTime &now);
// Writes a batch of "last used" times in one statement. A time never moves backwards, so
// batches flushed by several server processes in any order leave the latest use.
void recordUses(const QSqlDatabase &db, const QHash<QString, QDateTime> &lastUseById);
// Deletes keys revoked or expired before `olderThan`.
int sweep(const QSqlDatabase &db, const QDateTime &olderThan);

} // namespace ApiKeyRepository
