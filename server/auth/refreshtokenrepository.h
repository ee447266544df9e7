#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct RefreshTokenRow
{
    QString id;
    QString sessionId;
    QString userId;
    QDateTime expiresAt;
    QDateTime usedAt;    // invalid while unused
    QDateTime revokedAt; // invalid while not revoked
    QString successorId;
    QDateTime sessionExpiresAt;
    QDateTime sessionRevokedAt;
};

// SQL for `refresh_tokens`.
class RefreshTokenRepository
{
public:
    explicit RefreshTokenRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    QString insert(const QString &sessionId, const QString &userId, const QString &tokenHash,
                   const QDateTime &expiresAt, const QDateTime &now);
    // The token and its session, both locked until the transaction ends: concurrent rotations of
    // one token (or one family) queue here, so exactly one of them sees it unused.
    std::optional<RefreshTokenRow> lockByHash(const QString &tokenHash);
    std::optional<RefreshTokenRow> find(const QString &id);
    void markUsed(const QString &id, const QDateTime &now, const QString &successorId);
    void setSuccessor(const QString &id, const QString &successorId);
    void revoke(const QString &id, const QDateTime &now);
    void revokeSession(const QString &sessionId, const QDateTime &now);

private:
    QSqlDatabase m_db;
};
