#include "sets/setrepository.h"

#include "db/sqlquery.h"

#include <QVariant>

namespace {

// The set row and its icons in toolbar order (live icons only: a deleted icon leaves its sets).
const QString kColumns = QStringLiteral(
    "s.id::text AS id, s.name, s.color_mode, s.created_at, s.updated_at, "
    "coalesce((SELECT string_agg(i.asset_id::text, ',' ORDER BY i.position) FROM toolbar_set_icons i "
    "JOIN assets a ON a.id = i.asset_id AND a.deleted_at IS NULL WHERE i.set_id = s.id), '') AS icon_ids");

ToolbarSet readSet(const SqlQuery &q)
{
    ToolbarSet set;
    set.id = q.value(QStringLiteral("id")).toString();
    set.name = q.value(QStringLiteral("name")).toString();
    set.colorMode = q.value(QStringLiteral("color_mode")).toString();
    set.iconIds = q.value(QStringLiteral("icon_ids")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    set.createdAt = q.value(QStringLiteral("created_at")).toDateTime().toUTC();
    set.updatedAt = q.value(QStringLiteral("updated_at")).toDateTime().toUTC();
    return set;
}

} // namespace

namespace SetRepository {

void insert(const QSqlDatabase &db, const QString &userId, const ToolbarSet &set)
{
    SqlQuery(
        db,
        QStringLiteral("INSERT INTO toolbar_sets (id, user_id, name, color_mode, created_at, updated_at) "
                       "VALUES (:id::uuid, :user::uuid, :name::text, :color_mode::text, "
                       ":created::timestamptz, :updated::timestamptz)"),
        "sets.insert")
        .bind({{":id", set.id},
               {":user", userId},
               {":name", set.name},
               {":color_mode", set.colorMode},
               {":created", set.createdAt},
               {":updated", set.updatedAt}})
        .exec();
    replaceIcons(db, set.id, set.iconIds);
}

QList<ToolbarSet> list(const QSqlDatabase &db, const QString &userId)
{
    SqlQuery q(db,
               QStringLiteral("SELECT %1 FROM toolbar_sets s WHERE s.user_id = :user::uuid "
                              "ORDER BY lower(s.name), s.id")
                   .arg(kColumns),
               "sets.list");
    q.bind(QStringLiteral(":user"), userId).exec();
    QList<ToolbarSet> sets;
    while (q.next())
        sets << readSet(q);
    return sets;
}

std::optional<ToolbarSet> find(const QSqlDatabase &db, const QString &userId, const QString &id, bool lock)
{
    SqlQuery q(
        db,
        QStringLiteral("SELECT %1 FROM toolbar_sets s WHERE s.id = :id::uuid AND s.user_id = :user::uuid%2")
            .arg(kColumns, lock ? QStringLiteral(" FOR UPDATE OF s") : QString()),
        lock ? "sets.findForUpdate" : "sets.find");
    q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":user"), userId).exec();
    if (!q.next())
        return std::nullopt;
    return readSet(q);
}

void update(const QSqlDatabase &db, const ToolbarSet &set)
{
    SqlQuery(db,
             QStringLiteral("UPDATE toolbar_sets SET name = :name::text, color_mode = :color_mode::text, "
                            "updated_at = :updated::timestamptz WHERE id = :id::uuid"),
             "sets.update")
        .bind({{":name", set.name},
               {":color_mode", set.colorMode},
               {":updated", set.updatedAt},
               {":id", set.id}})
        .exec();
}

void replaceIcons(const QSqlDatabase &db, const QString &setId, const QStringList &iconIds)
{
    SqlQuery(db, QStringLiteral("DELETE FROM toolbar_set_icons WHERE set_id = :id::uuid"), "sets.clear_icons")
        .bind(QStringLiteral(":id"), setId)
        .exec();
    if (iconIds.isEmpty())
        return;
    // One statement: the ids with their positions from the array's ordinality.
    SqlQuery(db,
             QStringLiteral("INSERT INTO toolbar_set_icons (set_id, asset_id, position) "
                            "SELECT :id::uuid, e.asset_id, (e.n - 1)::int "
                            "FROM unnest(:ids::text::uuid[]) WITH ORDINALITY e(asset_id, n)"),
             "sets.add_icons")
        .bind(QStringLiteral(":id"), setId)
        .bind(QStringLiteral(":ids"), QLatin1Char('{') + iconIds.join(QLatin1Char(',')) + QLatin1Char('}'))
        .exec();
}

bool remove(const QSqlDatabase &db, const QString &userId, const QString &id)
{
    SqlQuery q(db, QStringLiteral("DELETE FROM toolbar_sets WHERE id = :id::uuid AND user_id = :user::uuid"),
               "sets.remove");
    q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":user"), userId).exec();
    return q.numRowsAffected() > 0;
}

} // namespace SetRepository
