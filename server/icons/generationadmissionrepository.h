#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

// SQL of generation admission: the generation_admit() function (migration 0010, which holds the
// rules) and `generation_leases`. The limits and the answers to a refusal are GenerationLimiter's.
namespace GenerationAdmissionRepository {

struct Request
{
    QString userId;
    QDateTime now;
    bool upstream = false; // counts toward the upstream concurrency cap and the daily budget
    int ratePerMinute = 0;
    int dailyCap = 0;
    int dailyBudget = 0;
    int maxInFlightPerUser = 0;
    int maxConcurrentUpstream = 0;
    QString leaseId;
    QDateTime leaseExpiresAt;
};

// What generation_admit() decided: admitted (empty `refusal`, the lease is taken) or refused with
// "in_flight" | "rate" | "daily" | "budget" | "concurrency" and when the refusing window began.
struct Verdict
{
    QString refusal;
    QDateTime since;
};

// One statement, its own transaction: the per-user lock is held only while the function runs.
// Nothing is written when it refuses.
Verdict admit(const QSqlDatabase &db, const Request &request);
// Ends a lease (idempotent).
void releaseLease(const QSqlDatabase &db, const QString &leaseId);

} // namespace GenerationAdmissionRepository
