#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct LoginTransaction
{
    QString stateHash;
    QString provider;
    QString browserHash;
    QString codeVerifier;
    QString nonce;       // OIDC providers
    QString redirectUri; // native flow only
    QString codeChallenge;
    QString appState;
    QString userAgent;
    QDateTime expiresAt;
    QDateTime createdAt;
    bool isNative() const { return !redirectUri.isEmpty(); }
};

// SQL for `login_transactions`.
namespace LoginTransactionRepository {

void insert(const QSqlDatabase &db, const LoginTransaction &t);
// Deletes the transaction whatever its condition (a state is single use even when the callback
// that carried it fails) and returns it; the caller checks expiry, provider and browser.
std::optional<LoginTransaction> take(const QSqlDatabase &db, const QString &stateHash);
int sweep(const QSqlDatabase &db, const QDateTime &olderThan);

} // namespace LoginTransactionRepository
