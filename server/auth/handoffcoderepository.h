#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct HandoffCode
{
    QString id;
    QString userId;
    QString provider;
    QString codeChallenge;
    QString redirectUri;
    QString userAgent;
    QDateTime expiresAt;
    QDateTime usedAt;  // invalid until redeemed (or burned)
    QString sessionId; // the login its redemption started
};

// SQL for `handoff_codes`.
namespace HandoffCodeRepository {

void insert(const QSqlDatabase &db, const QString &codeHash, const QString &userId, const QString &provider,
            const QString &challenge, const QString &redirectUri, const QString &userAgent,
            const QDateTime &expiresAt, const QDateTime &now);
// Locks the row for the rest of the transaction (concurrent redemptions queue here).
std::optional<HandoffCode> lock(const QSqlDatabase &db, const QString &codeHash);
void markUsed(const QSqlDatabase &db, const QString &id, const QDateTime &now, const QString &sessionId);
int sweep(const QSqlDatabase &db, const QDateTime &olderThan);

} // namespace HandoffCodeRepository
