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
    QDateTime usedAt;     // invalid while unused
    QDateTime revokedAt;  // invalid while not revoked
    QString revokeReason; // kReplacedAfterReplay, or empty (family-wide revocations)
    QString successorId;
    QDateTime sessionExpiresAt;
    QDateTime sessionRevokedAt;
};

// Where a presentation of an already-rotated token stands against its rotation, by the database's
// clock only (several servers with drifting clocks share one database).
struct RotationTiming
{
    bool arrivedAfterRotation = false; // the request arrived after the rotation was written
    bool withinLeeway = false;         // the rotation is at most the leeway old
};

// SQL for `refresh_tokens`.
namespace RefreshTokenRepository {

// revoke_reason of a successor revoked because its predecessor was presented again in the leeway.
inline const QString kReplacedAfterReplay = QStringLiteral("replaced after a replay");

QString insert(const QSqlDatabase &db, const QString &sessionId, const QString &userId,
               const QString &tokenHash, const QDateTime &expiresAt, const QDateTime &now);
// The token and its session, both locked until the transaction ends: concurrent rotations of
// one token (or one family) queue here, so exactly one of them sees it unused.
std::optional<RefreshTokenRow> lockByHash(const QSqlDatabase &db, const QString &tokenHash);
std::optional<RefreshTokenRow> find(const QSqlDatabase &db, const QString &id);
// Records the rotation at the database's clock_timestamp().
void markUsed(const QSqlDatabase &db, const QString &id, const QString &successorId);
// `requestAgeMs`: how long ago the presenting request arrived, measured by this process's
// monotonic clock (a duration, so no clock skew between servers enters).
RotationTiming rotationTiming(const QSqlDatabase &db, const QString &id, qint64 requestAgeMs, qint64 leewayS);
void setSuccessor(const QSqlDatabase &db, const QString &id, const QString &successorId);
void revoke(const QSqlDatabase &db, const QString &id, const QDateTime &now, const QString &reason);
void revokeSession(const QSqlDatabase &db, const QString &sessionId, const QDateTime &now);

} // namespace RefreshTokenRepository
