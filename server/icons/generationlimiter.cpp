#include "icons/generationlimiter.h"

#include "auth/userrepository.h"
#include "core/config.h"
#include "core/logging.h"
#include "db/sqlquery.h"
#include "db/transaction.h"
#include "http/apierror.h"
#include "icons/iconids.h"

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

// The `n`-th most recent admission of the user for this kind of generator (1-based), or a null
// QDateTime. Scans at most n index entries whatever the window holds.
QDateTime nthRecentAttempt(const QSqlDatabase &db, const QString &userId, bool upstream, int n)
{
    SqlQuery q(db,
               QStringLiteral(
                   "SELECT started_at FROM generation_attempts WHERE user_id = :user::uuid "
                   "AND upstream = :upstream::boolean ORDER BY started_at DESC OFFSET :skip::int LIMIT 1"),
               "generation.nthAttempt");
    q.bind(QStringLiteral(":user"), userId)
        .bind(QStringLiteral(":upstream"), upstream)
        .bind(QStringLiteral(":skip"), n - 1)
        .exec();
    return q.next() ? q.value(0).toDateTime() : QDateTime();
}

// The `n`-th most recent upstream admission of all users, or a null QDateTime.
QDateTime nthRecentUpstreamAttempt(const QSqlDatabase &db, int n)
{
    SqlQuery q(db,
               QStringLiteral("SELECT started_at FROM generation_attempts WHERE upstream "
                              "ORDER BY started_at DESC OFFSET :skip::int LIMIT 1"),
               "generation.nthUpstreamAttempt");
    q.bind(QStringLiteral(":skip"), n - 1).exec();
    return q.next() ? q.value(0).toDateTime() : QDateTime();
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
    return withTransaction(db, [&]() -> QString {
        const QDateTime now = m_clock->now().toUTC();

        // One admission per user at a time (and one globally for upstream work), across replicas.
        // Locks are always taken in this order, so two admissions cannot deadlock. The local user is
        // counted against nothing, so its admissions need not queue on each other.
        const std::optional<UserRow> user = UserRepository(db).findActive(userId);
        const bool localUser = user && user->isLocal;
        if (!localUser) {
            SqlQuery lockUser(db,
                              QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended("
                                             "'parametric.generation.user:' || :user::text, 0))"),
                              "generation.lockUser");
            lockUser.bind(QStringLiteral(":user"), userId).exec();
            checkUserLimits(db, userId, upstream, now);
        }

        if (upstream) {
            SqlQuery lockGlobal(db,
                                QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended("
                                               "'parametric.generation.upstream', 0))"),
                                "generation.lockGlobal");
            lockGlobal.exec();
            SqlQuery busy(db,
                          QStringLiteral("SELECT count(*), min(acquired_at) FROM generation_leases "
                                         "WHERE upstream AND expires_at > :now::timestamptz"),
                          "generation.upstreamLeases");
            busy.bind(QStringLiteral(":now"), now).exec();
            busy.next();
            if (busy.value(0).toLongLong() >= m_limits.maxConcurrentUpstream) {
                const QDateTime deadline =
                    busy.value(1).toDateTime().addSecs(m_limits.generationTimeoutSeconds);
                qCInfo(lcIcons) << "generation refused: all" << m_limits.maxConcurrentUpstream
                                << "upstream slots are busy";
                throw ApiError::serviceUnavailable(
                    QStringLiteral("The icon generator is busy; try again shortly."),
                    secondsUntil(now, deadline, kBusyRetryCapSeconds));
            }
            // RL-3: the daily budget of paid upstream calls, all users together.
            const QDateTime budgetEdge =
                localUser ? QDateTime() : nthRecentUpstreamAttempt(db, m_limits.dailyBudget);
            if (budgetEdge.isValid() && budgetEdge.msecsTo(now) < kDayMs) {
                qCWarning(lcIcons) << "generation refused: the daily budget of" << m_limits.dailyBudget
                                   << "upstream generations is used up";
                throw ApiError::serviceUnavailable(
                    QStringLiteral(
                        "Icon generation is paused: this server's daily generation budget is used up."),
                    secondsUntil(now, budgetEdge.addMSecs(kDayMs), 24 * 60 * 60));
            }
            // Leases of crashed replicas no longer count; drop them while holding the global lock.
            SqlQuery prune(
                db,
                QStringLiteral(
                    "DELETE FROM generation_leases WHERE upstream AND expires_at <= :now::timestamptz"),
                "generation.pruneUpstream");
            prune.bind(QStringLiteral(":now"), now).exec();
        }

        SqlQuery pruneUser(db,
                           QStringLiteral("DELETE FROM generation_leases WHERE user_id = :user::uuid "
                                          "AND expires_at <= :now::timestamptz"),
                           "generation.pruneUserLeases");
        pruneUser.bind(QStringLiteral(":user"), userId).bind(QStringLiteral(":now"), now).exec();
        // The local user's generations are outside every count (its own rate, the shared budget), so
        // nothing needs them recorded.
        if (!localUser) {
            SqlQuery pruneAttempts(
                db,
                QStringLiteral("DELETE FROM generation_attempts WHERE user_id = :user::uuid "
                               "AND started_at < :cutoff::timestamptz"),
                "generation.pruneAttempts");
            pruneAttempts.bind(QStringLiteral(":user"), userId)
                .bind(QStringLiteral(":cutoff"), now.addMSecs(-kDayMs))
                .exec();

            SqlQuery attempt(db,
                             QStringLiteral("INSERT INTO generation_attempts (user_id, started_at, upstream) "
                                            "VALUES (:user::uuid, :now::timestamptz, :upstream::boolean)"),
                             "generation.recordAttempt");
            attempt.bind(QStringLiteral(":user"), userId)
                .bind(QStringLiteral(":now"), now)
                .bind(QStringLiteral(":upstream"), upstream)
                .exec();
        }

        const QString leaseId = iconids::newUuid();
        SqlQuery lease(
            db,
            QStringLiteral("INSERT INTO generation_leases (id, user_id, upstream, acquired_at, expires_at) "
                           "VALUES (:id::uuid, :user::uuid, :upstream::boolean, :now::timestamptz, "
                           ":expires::timestamptz)"),
            "generation.takeLease");
        lease.bind(QStringLiteral(":id"), leaseId)
            .bind(QStringLiteral(":user"), userId)
            .bind(QStringLiteral(":upstream"), upstream)
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":expires"),
                  now.addSecs(m_limits.generationTimeoutSeconds + m_limits.leaseMarginSeconds))
            .exec();
        return leaseId;
    });
}

void GenerationLimiter::checkUserLimits(const QSqlDatabase &db, const QString &userId, bool upstream,
                                        const QDateTime &now) const
{
    // Generations in flight for this user.
    SqlQuery inFlight(db,
                      QStringLiteral("SELECT count(*), min(acquired_at) FROM generation_leases "
                                     "WHERE user_id = :user::uuid AND expires_at > :now::timestamptz"),
                      "generation.userLeases");
    inFlight.bind(QStringLiteral(":user"), userId).bind(QStringLiteral(":now"), now).exec();
    inFlight.next();
    if (inFlight.value(0).toLongLong() >= m_limits.maxInFlightPerUser) {
        const QDateTime deadline = inFlight.value(1).toDateTime().addSecs(m_limits.generationTimeoutSeconds);
        throw ApiError::rateLimited(
            secondsUntil(now, deadline, kBusyRetryCapSeconds),
            QStringLiteral("You already have %1 icon generations in progress; wait for one to finish.")
                .arg(m_limits.maxInFlightPerUser));
    }

    // Rolling minute: if the rate-th most recent admission is younger than a minute, the window is full
    // until it ages out.
    const int rate = upstream ? m_limits.ratePerMinute : m_limits.builtinRatePerMinute;
    const QDateTime rateEdge = nthRecentAttempt(db, userId, upstream, rate);
    if (rateEdge.isValid() && rateEdge.msecsTo(now) < kMinuteMs) {
        throw ApiError::rateLimited(
            secondsUntil(now, rateEdge.addMSecs(kMinuteMs), 60),
            QStringLiteral("Too many icon generations: at most %1 per minute.").arg(rate));
    }
    const int dailyCap = upstream ? m_limits.dailyCap : m_limits.builtinDailyCap;
    const QDateTime dayEdge = nthRecentAttempt(db, userId, upstream, dailyCap);
    if (dayEdge.isValid() && dayEdge.msecsTo(now) < kDayMs) {
        throw ApiError::rateLimited(
            secondsUntil(now, dayEdge.addMSecs(kDayMs), 24 * 60 * 60),
            QStringLiteral("The daily limit of %1 icon generations is reached.").arg(dailyCap));
    }
}

void GenerationLimiter::release(QSqlDatabase db, const QString &leaseId)
{
    SqlQuery q(db, QStringLiteral("DELETE FROM generation_leases WHERE id = :id::uuid"),
               "generation.releaseLease");
    q.bind(QStringLiteral(":id"), leaseId).exec();
}
