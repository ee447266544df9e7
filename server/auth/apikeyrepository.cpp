#include "auth/apikeyrepository.h"

#include "db/sqlquery.h"
#include "db/transaction.h"

#include <algorithm>

namespace {

const QString kRowColumns =
    QStringLiteral("id, user_id, name, key_prefix, created_at, expires_at, last_used_at");

QDateTime utc(const QVariant &value)
{
    return value.isNull() ? QDateTime() : value.toDateTime().toUTC();
}

QVariant nullableTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

ApiKeyRow readRow(const SqlQuery &q)
{
    ApiKeyRow row;
    row.id = q.value(0).toString();
    row.userId = q.value(1).toString();
    row.name = q.value(2).toString();
    row.prefix = q.value(3).toString();
    row.createdAt = utc(q.value(4));
    row.expiresAt = utc(q.value(5));
    row.lastUsedAt = utc(q.value(6));
    return row;
}

// A PostgreSQL array literal of values that need no escaping (uuids, ISO-8601 times).
QString arrayLiteral(const QStringList &values)
{
    return u'{' + values.join(u',') + u'}';
}

} // namespace

std::optional<ApiKeyRow> ApiKeyRepository::insertWithinCap(const QSqlDatabase &db, const QString &userId,
                                                           const QString &name, const QString &keyHash,
                                                           const QString &prefix, const QDateTime &expiresAt,
                                                           const QDateTime &now, int maxActive)
{
    return withTransaction(db, [&]() -> std::optional<ApiKeyRow> {
        SqlQuery lock(db,
                      QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended("
                                     "'parametric.api_keys.user:' || :user::text, 0))"),
                      "api_keys.lockUser");
        lock.bind(QStringLiteral(":user"), userId).exec();

        SqlQuery count(db,
                       QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = :user::uuid "
                                      "AND revoked_at IS NULL "
                                      "AND (expires_at IS NULL OR expires_at > :now::timestamptz)"),
                       "api_keys.countActive");
        count.bind(QStringLiteral(":user"), userId).bind(QStringLiteral(":now"), now).exec();
        count.next();
        if (count.value(0).toLongLong() >= maxActive)
            return std::nullopt;

        SqlQuery insert(
            db,
            QStringLiteral("INSERT INTO api_keys (user_id, name, key_hash, key_prefix, expires_at, "
                           "created_at) VALUES (:user::uuid, :name::text, :hash::text, "
                           ":prefix::text, :expires::timestamptz, :now::timestamptz) RETURNING ") +
                kRowColumns,
            "api_keys.insert");
        insert
            .bind({{":user", userId},
                   {":name", name},
                   {":hash", keyHash},
                   {":prefix", prefix},
                   {":expires", nullableTime(expiresAt)},
                   {":now", now}})
            .exec();
        insert.next();
        return readRow(insert);
    });
}

std::optional<ApiKeyCredential> ApiKeyRepository::findByHash(const QSqlDatabase &db, const QString &keyHash)
{
    SqlQuery q(db,
               QStringLiteral("SELECT k.id, k.user_id, k.key_hash, u.email, k.expires_at, k.revoked_at, "
                              "u.deleted_at IS NOT NULL FROM api_keys k JOIN users u ON u.id = k.user_id "
                              "WHERE k.key_hash = :hash::text"),
               "api_keys.findByHash");
    return q.bind(":hash", keyHash).exec().single([](const SqlQuery &row) {
        return ApiKeyCredential{row.text(0), row.text(1), row.text(2),          row.text(3),
                                row.time(4), row.time(5), row.value(6).toBool()};
    });
}

QList<ApiKeyRow> ApiKeyRepository::listOfUser(const QSqlDatabase &db, const QString &userId)
{
    SqlQuery q(db,
               QStringLiteral("SELECT ") + kRowColumns +
                   QStringLiteral(" FROM api_keys WHERE user_id = :user::uuid AND revoked_at IS NULL "
                                  "ORDER BY created_at DESC, id LIMIT 500"),
               "api_keys.listOfUser");
    q.bind(QStringLiteral(":user"), userId).exec();
    QList<ApiKeyRow> rows;
    while (q.next())
        rows << readRow(q);
    return rows;
}

bool ApiKeyRepository::revokeOwned(const QSqlDatabase &db, const QString &userId, const QString &id,
                                   const QDateTime &now)
{
    SqlQuery q(db,
               QStringLiteral("UPDATE api_keys SET revoked_at = :now::timestamptz "
                              "WHERE id = :id::uuid AND user_id = :user::uuid AND revoked_at IS NULL"),
               "api_keys.revokeOwned");
    q.bind({{":now", now}, {":id", id}, {":user", userId}}).exec();
    return q.numRowsAffected() > 0;
}

void ApiKeyRepository::recordUses(const QSqlDatabase &db, const QHash<QString, QDateTime> &lastUseById)
{
    if (lastUseById.isEmpty())
        return;
    QStringList ids = lastUseById.keys();
    std::sort(ids.begin(), ids.end());
    QStringList times;
    for (const QString &id : std::as_const(ids))
        times << lastUseById.value(id).toUTC().toString(Qt::ISODateWithMs);
    withTransaction(db, [&] {
        // Rows locked in id order: two processes flushing overlapping batches queue instead of
        // deadlocking.
        SqlQuery lock(db,
                      QStringLiteral("SELECT id FROM api_keys WHERE id = ANY (:ids::uuid[]) ORDER BY id "
                                     "FOR UPDATE"),
                      "api_keys.lockForUse");
        lock.bind(QStringLiteral(":ids"), arrayLiteral(ids)).exec();
        SqlQuery update(
            db,
            QStringLiteral("UPDATE api_keys k SET last_used_at = GREATEST(k.last_used_at, u.used_at) "
                           "FROM unnest(:ids::uuid[], :times::timestamptz[]) AS u(id, used_at) "
                           "WHERE k.id = u.id"),
            "api_keys.recordUses");
        update.bind(QStringLiteral(":ids"), arrayLiteral(ids))
            .bind(QStringLiteral(":times"), arrayLiteral(times))
            .exec();
    });
}

int ApiKeyRepository::sweep(const QSqlDatabase &db, const QDateTime &olderThan)
{
    SqlQuery q(db,
               QStringLiteral("DELETE FROM api_keys WHERE revoked_at < :t::timestamptz "
                              "OR expires_at < :t::timestamptz"),
               "api_keys.sweep");
    q.bind(QStringLiteral(":t"), olderThan).exec();
    return q.numRowsAffected();
}
