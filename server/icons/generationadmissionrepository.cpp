#include "icons/generationadmissionrepository.h"

#include "db/sqlquery.h"

namespace GenerationAdmissionRepository {

Verdict admit(const QSqlDatabase &db, const Request &request)
{
    SqlQuery q(db,
               QStringLiteral("SELECT refusal, since FROM generation_admit(:user::uuid, :now::timestamptz, "
                              ":upstream::boolean, :rate::int, :daily::int, :budget::int, :in_flight::int, "
                              ":upstream_max::int, :lease::uuid, :expires::timestamptz)"),
               "generation.admit");
    q.bind({{":user", request.userId},
            {":now", request.now},
            {":upstream", request.upstream},
            {":rate", request.ratePerMinute},
            {":daily", request.dailyCap},
            {":budget", request.dailyBudget},
            {":in_flight", request.maxInFlightPerUser},
            {":upstream_max", request.maxConcurrentUpstream},
            {":lease", request.leaseId},
            {":expires", request.leaseExpiresAt}})
        .exec();
    q.next();
    return {q.value(0).toString(), q.value(1).toDateTime()};
}

void releaseLease(const QSqlDatabase &db, const QString &leaseId)
{
    SqlQuery(db, QStringLiteral("DELETE FROM generation_leases WHERE id = :id::uuid"),
             "generation.releaseLease")
        .bind(":id", leaseId)
        .exec();
}

} // namespace GenerationAdmissionRepository
