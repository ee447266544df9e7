#pragma once

#include "auth/authcontext.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// A live access token: whose it is and until when it stays valid unless revoked.
struct ValidatedAccessToken
{
    QString id;
    AuthContext who;
    QDateTime validUntil;                 // the token's expiry, capped by its login's
    std::shared_ptr<UserProfile> profile; // without meJson: the caller serialises it
};

// SQL for `access_tokens`.
namespace AccessTokenRepository {

void insert(const QSqlDatabase &db, const QString &sessionId, const QString &userId,
            const QString &refreshTokenId, const QString &tokenHash, const QDateTime &expiresAt,
            const QDateTime &now);
// The caller, when the token is live: unexpired, unrevoked, its session live, its user active;
// with the user's profile as GET /auth/me shows it.
std::optional<ValidatedAccessToken> authenticate(const QSqlDatabase &db, const QString &tokenHash,
                                                 const QDateTime &now);
void revokeIssuedWith(const QSqlDatabase &db, const QString &refreshTokenId, const QDateTime &now);
void revokeSession(const QSqlDatabase &db, const QString &sessionId, const QDateTime &now);
int sweep(const QSqlDatabase &db, const QDateTime &olderThan);

} // namespace AccessTokenRepository
