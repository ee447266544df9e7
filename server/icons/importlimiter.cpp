#include "icons/importlimiter.h"

#include "auth/userrepository.h"
#include "core/config.h"
#include "http/apierror.h"
#include "icons/iconrepository.h"

#include <algorithm>

ImportLimits ImportLimits::fromConfig(const ServerConfig &config)
{
    ImportLimits l;
    l.ratePerMinute =
        int(config.intValue(QStringLiteral("ICON_IMPORT_RATE_PER_MIN"), l.ratePerMinute, 1, 100000));
    l.maxStored = int(config.intValue(QStringLiteral("ICON_IMPORT_MAX_STORED"), l.maxStored, 1, 10000000));
    return l;
}

ImportLimiter::ImportLimiter(ImportLimits limits, std::shared_ptr<Clock> clock)
    : m_limits(limits)
    , m_clock(std::move(clock))
{}

void ImportLimiter::admit(const QSqlDatabase &db, const QString &userId) const
{
    const std::optional<UserRow> user = UserRepository::findActive(db, userId);
    if (user && user->isLocal)
        return;
    IconRepository::lockImports(db, userId);

    const QDateTime now = m_clock->now().toUTC();
    const QDateTime rateEdge = IconRepository::nthRecentImport(db, userId, m_limits.ratePerMinute);
    const qint64 sinceEdgeMs = rateEdge.isValid() ? rateEdge.msecsTo(now) : -1;
    if (rateEdge.isValid() && sinceEdgeMs < 60 * 1000) {
        const qint64 waitS = std::clamp<qint64>((60 * 1000 - sinceEdgeMs + 999) / 1000, 1, 60);
        throw ApiError::rateLimited(
            int(waitS),
            QStringLiteral("Too many imports: at most %1 per minute.").arg(m_limits.ratePerMinute));
    }
    if (IconRepository::liveImports(db, userId, m_limits.maxStored) >= m_limits.maxStored) {
        throw ApiError(409, QStringLiteral("icon_limit_reached"),
                       QStringLiteral("You keep %1 imported icons, the most one account may; delete some to "
                                      "import more.")
                           .arg(m_limits.maxStored),
                       QStringLiteral("ConflictError"));
    }
}
