#pragma once

#include "core/clock.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class ServerConfig;

// Generation limits (issue 4 point 6, issue 9 point 5, security-policy RL-1…RL-3, RL-5). The per-user
// rate and daily cap exist to cap paid upstream calls, so the built-in generator (offline, free) has its
// own, generous pair; the daily budget caps upstream calls of all users together.
struct GenerationLimits
{
    int ratePerMinute = 10; // GENERATION_RATE_PER_MIN: upstream admissions per user per rolling minute
    int dailyCap = 200;     // GENERATION_DAILY_CAP: upstream admissions per user per rolling 24 hours
    int builtinRatePerMinute = 300; // GENERATION_BUILTIN_RATE_PER_MIN: built-in generator, per user
    int builtinDailyCap = 10000;    // GENERATION_BUILTIN_DAILY_CAP: built-in generator, per user
    int dailyBudget = 1000;         // GENERATION_DAILY_BUDGET: upstream admissions, all users, rolling 24 h
    int maxInFlightPerUser = 2;     // GENERATION_MAX_IN_FLIGHT_PER_USER
    int maxConcurrentUpstream = 4;  // GENERATION_MAX_CONCURRENT: upstream (Anthropic) calls, all users
    int generationTimeoutSeconds = 90; // GENERATION_TIMEOUT_S: the generator's total deadline
    // A lease outlives the deadline by this margin, so only a crashed replica's leases ever expire.
    int leaseMarginSeconds = 30;

    // Throws ConfigError naming the variable.
    static GenerationLimits fromConfig(const ServerConfig &config);
};

// Admission control for generations, kept in PostgreSQL so every replica sees the same numbers.
//
// admit() is one statement (generation_admit, migration 0010) that serialises on the user (and, for
// upstream generators, on a global advisory lock), checks in-flight leases, the rolling-minute rate and
// the rolling-day cap of the generator's kind (built-in or upstream), for upstream generators the
// concurrency cap and the global daily budget, then records the attempt and takes a lease. The local
// user (local sign-in: the desktop app's own server, where nothing is shared) gets no per-user limit
// and no budget, and its generations are not counted; only the upstream concurrency cap applies, which
// protects the upstream API rather than counting its cost. Attempts are recorded at admission, so
// failed generations count toward the rate too. A lease is a row with an expiry, not a counter: a
// process that dies mid-generation leaks nothing for longer than the lease lifetime.
//
// All methods run on a Database pool thread with that thread's connection; times come from the
// injected Clock. Rejections throw ApiError: 429 (per-user limits) or 503 (concurrency cap, daily
// budget), each with an integer Retry-After.
class GenerationLimiter
{
public:
    GenerationLimiter(GenerationLimits limits, std::shared_ptr<Clock> clock);

    const GenerationLimits &limits() const { return m_limits; }

    // Returns the lease id. `upstream`: the generator calls a paid upstream (counts toward the global cap).
    QString admit(QSqlDatabase db, const QString &userId, bool upstream) const;

    // Ends a lease (idempotent). Call inside the transaction that stores the icon, or on its own.
    static void release(QSqlDatabase db, const QString &leaseId);

private:
    GenerationLimits m_limits;
    std::shared_ptr<Clock> m_clock;
};
