#pragma once

#include "auth/authcontext.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// SQL for `access_tokens`.
class AccessTokenRepository
{
public:
    explicit AccessTokenRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    void insert(const QString &sessionId, const QString &userId, const QString &refreshTokenId,
                const QString &tokenHash, const QDateTime &expiresAt, const QDateTime &now);
    // The caller, when the token is live: unexpired, unrevoked, its session live, its user active.
    std::optional<AuthContext> authenticate(const QString &tokenHash, const QDateTime &now);
    void revokeIssuedWith(const QString &refreshTokenId, const QDateTime &now);
    void revokeSession(const QString &sessionId, const QDateTime &now);
    int sweep(const QDateTime &olderThan);

private:
    QSqlDatabase m_db;
};
