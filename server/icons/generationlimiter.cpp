#include "icons/generationlimiter.h"

#include "api/uuid.h"
#include "core/config.h"
#include "core/logging.h"
#include "http/apierror.h"
#include "icons/generationadmissionrepository.h"

#include <QVariant>

#include <algorithm>

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
constexpr int kBusyRetryCapSeconds = 10;

// Whole seconds from `now` until `until`, rounded up, within [1, cap].
int secondsUntil(const QDateTime &now, const QDateTime &until, int cap)
{
    const qint64 ms = now.msecsTo(until);
    const qint64 s = ms <= 0 ? 1 : (ms + 999) / 1000;
    return int(std::clamp<qint64>(s, 1, cap));
}

} // namespace

GenerationLimits GenerationLimits::fromConfig(const ServerConfig &config)
{
    GenerationLimits l;
    l.ratePerMinute =
        int(config.intValue(QStringLiteral("GENERATION_RATE_PER_MIN"), l.ratePerMinute, 1, 100000));
    l.dailyCap = int(config.intValue(QStringLiteral("GENERATION_DAILY_CAP"), l.dailyCap, 1, 10000000));
    l.builtinRatePerMinute = int(config.intValue(QStringLiteral("GENERATION_BUILTIN_RATE_PER_MIN"),
                                                 l.builtinRatePerMinute, 1, 1000000));
    l.builtinDailyCap =
        int(config.intValue(QStringLiteral("GENERATION_BUILTIN_DAILY_CAP"), l.builtinDailyCap, 1, 100000000));
    l.dailyBudget =
        int(config.intValue(QStringLiteral("GENERATION_DAILY_BUDGET"), l.dailyBudget, 1, 100000000));
    l.maxInFlightPerUser = int(
        config.intValue(QStringLiteral("GENERATION_MAX_IN_FLIGHT_PER_USER"), l.maxInFlightPerUser, 1, 100));
    l.maxConcurrentUpstream =
        int(config.intValue(QStringLiteral("GENERATION_MAX_CONCURRENT"), l.maxConcurrentUpstream, 1, 1000));
    l.generationTimeoutSeconds =
        int(config.intValue(QStringLiteral("GENERATION_TIMEOUT_S"), l.generationTimeoutSeconds, 1, 600));
    return l;
}

GenerationLimiter::GenerationLimiter(GenerationLimits limits, std::shared_ptr<Clock> clock)
    : m_limits(limits)
    , m_clock(std::move(clock))
{}

QString GenerationLimiter::admit(QSqlDatabase db, const QString &userId, bool upstream) const
{
    const QDateTime now = m_clock->now().toUTC();
    const QString leaseId = api::newUuid();
    const int rate = upstream ? m_limits.ratePerMinute : m_limits.builtinRatePerMinute;
    const int dailyCap = upstream ? m_limits.dailyCap : m_limits.builtinDailyCap;
    GenerationAdmissionRepository::Request request;
    request.userId = userId;
    request.now = now;
    request.upstream = upstream;
    request.ratePerMinute = rate;
    request.dailyCap = dailyCap;
    request.dailyBudget = m_limits.dailyBudget;
    request.maxInFlightPerUser = m_limits.maxInFlightPerUser;
    request.maxConcurrentUpstream = m_limits.maxConcurrentUpstream;
    request.leaseId = leaseId;
    request.leaseExpiresAt = now.addSecs(m_limits.generationTimeoutSeconds + m_limits.leaseMarginSeconds);
    const auto [refusal, since] = GenerationAdmissionRepository::admit(db, request);
    if (refusal.isEmpty())
        return leaseId;
    if (refusal == u"in_flight")
        throw ApiError::rateLimited(
            secondsUntil(now, since.addSecs(m_limits.generationTimeoutSeconds), kBusyRetryCapSeconds),
            QStringLiteral("You already have %1 icon generations in progress; wait for one to finish.")
                .arg(m_limits.maxInFlightPerUser));
    if (refusal == u"rate")
        throw ApiError::rateLimited(
            secondsUntil(now, since.addMSecs(kMinuteMs), 60),
            QStringLiteral("Too many icon generations: at most %1 per minute.").arg(rate));
    if (refusal == u"daily")
        throw ApiError::rateLimited(
            secondsUntil(now, since.addMSecs(kDayMs), 24 * 60 * 60),
            QStringLiteral("The daily limit of %1 icon generations is reached.").arg(dailyCap));
    if (refusal == u"budget") {
        // RL-3: the daily budget of paid upstream calls, all users together.
        qCWarning(lcIcons) << "generation refused: the daily budget of" << m_limits.dailyBudget
                           << "upstream generations is used up";
        throw ApiError::serviceUnavailable(
            QStringLiteral("Icon generation is paused: this server's daily generation budget is used up."),
            secondsUntil(now, since.addMSecs(kDayMs), 24 * 60 * 60));
    }
    qCInfo(lcIcons) << "generation refused: all" << m_limits.maxConcurrentUpstream
                    << "upstream slots are busy";
    throw ApiError::serviceUnavailable(
        QStringLiteral("The icon generator is busy; try again shortly."),
        secondsUntil(now, since.addSecs(m_limits.generationTimeoutSeconds), kBusyRetryCapSeconds));
}

void GenerationLimiter::release(QSqlDatabase db, const QString &leaseId)
{
    GenerationAdmissionRepository::releaseLease(db, leaseId);
}
