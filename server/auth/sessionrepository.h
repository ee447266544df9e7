#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct SessionRow
{
    QString id;
    QString userId;
    QString provider;
    QString userAgent;
    QDateTime createdAt;
    QDateTime lastActivityAt;
    QDateTime expiresAt;
};

// SQL for `sessions`: one row per login (= one refresh-token family).
namespace SessionRepository {

QString create(const QSqlDatabase &db, const QString &userId, const QString &provider,
               const QString &userAgent, const QDateTime &now, const QDateTime &expiresAt);
void touch(const QSqlDatabase &db, const QString &id, const QDateTime &now);
// Returns false when it was already revoked (or does not exist).
bool revoke(const QSqlDatabase &db, const QString &id, const QDateTime &now, const QString &reason);
// Revokes one session of `userId`; false when the user has no such live session.
bool revokeOwned(const QSqlDatabase &db, const QString &userId, const QString &id, const QDateTime &now,
                 const QString &reason);
QStringList revokeAllOfUser(const QSqlDatabase &db, const QString &userId, const QDateTime &now,
                            const QString &reason);
// Live sessions: not revoked, before the absolute end, used since `idleCutoff`. Newest first.
QList<SessionRow> listActive(const QSqlDatabase &db, const QString &userId, const QDateTime &now,
                             const QDateTime &idleCutoff);
int sweep(const QSqlDatabase &db, const QDateTime &olderThan);

} // namespace SessionRepository
