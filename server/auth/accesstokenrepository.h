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
class AccessTokenRepository
{
public:
    explicit AccessTokenRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    void insert(const QString &sessionId, const QString &userId, const QString &refreshTokenId,
                const QString &tokenHash, const QDateTime &expiresAt, const QDateTime &now);
    // The caller, when the token is live: unexpired, unrevoked, its session live, its user active;
    // with the user's profile as GET /auth/me shows it.
    std::optional<ValidatedAccessToken> authenticate(const QString &tokenHash, const QDateTime &now);
    void revokeIssuedWith(const QString &refreshTokenId, const QDateTime &now);
    void revokeSession(const QString &sessionId, const QDateTime &now);
    int sweep(const QDateTime &olderThan);

private:
    QSqlDatabase m_db;
};
