#include "icons/iconrepository.h"

#include "db/sqlquery.h"

#include <QHash>
#include <QJsonDocument>
#include <QVariant>

namespace {

// Column list of the reads that need the row itself (SVG download, PATCH checks, tests); variants
// come back as jsonb text.
const QString kColumns = QStringLiteral(
    "a.id::text AS id, a.prompt, a.intent, a.color_mode, a.source, a.favorite, a.selected_variant, "
    "a.variants::text AS variants, a.interpretation::text AS interpretation, a.created_at, a.updated_at");

// The API's icon objects, written by PostgreSQL from the row `a` (see IconView): the one place each
// answer's shape is defined, so a new column reaches clients by being added here, and the server
// never decodes and re-encodes what it passes on. Times are UTC with milliseconds and a Z, like
// every time the API writes.
QString iconJson(const QString &variants)
{
    return QStringLiteral(
               "json_build_object('id', a.id, 'svg', a.variants->0->>'svg', 'variants', %1, "
               "'prompt', a.prompt, 'intent', a.intent, 'colorMode', a.color_mode, 'favorite', a.favorite, "
               "'source', a.source, 'selectedVariant', a.selected_variant, 'interpretation', "
               "a.interpretation, "
               "'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', :time_format::text), "
               "'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', :time_format::text))")
        .arg(variants);
}
const QString kIconJson = iconJson(QStringLiteral("a.variants"));
// Pages leave the scenes in the database.
const QString kIconPageJson =
    iconJson(QStringLiteral("(SELECT jsonb_agg(v - 'scene' ORDER BY n) FROM jsonb_array_elements(a.variants) "
                            "WITH ORDINALITY e(v, n))"));
const QString kIconThumbnailJson = QStringLiteral(
    "json_build_object('id', a.id, 'prompt', a.prompt, 'intent', a.intent, 'colorMode', a.color_mode, "
    "'favorite', a.favorite, 'source', a.source, 'selectedVariant', a.selected_variant, "
    "'variantCount', jsonb_array_length(a.variants), 'selected', (a.variants->a.selected_variant) - 'scene', "
    "'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', :time_format::text), "
    "'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', :time_format::text))");

QByteArray jsonColumn(const SqlQuery &q, int index)
{
    return q.value(index).toString().toUtf8();
}

// The stored form of the variants, scenes included.
QJsonArray variantsToJson(const QList<IconVariant> &variants)
{
    QJsonArray array;
    for (const IconVariant &v : variants)
        array.append(v.toJson());
    return array;
}

QList<IconVariant> variantsFromJson(const QString &text)
{
    QList<IconVariant> variants;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    variants.reserve(array.size());
    for (const QJsonValue &value : array)
        variants.append(IconVariant::fromJson(value.toObject()));
    return variants;
}

Icon readIcon(const SqlQuery &q)
{
    Icon icon;
    icon.id = q.value(QStringLiteral("id")).toString();
    icon.prompt = q.value(QStringLiteral("prompt")).toString();
    // The columns hold wire names (CHECK constraints of migration 0003).
    icon.intent = api::parseOr(q.value(QStringLiteral("intent")).toString(), api::Intent::Create);
    icon.colorMode = api::parseOr(q.value(QStringLiteral("color_mode")).toString(), ColorMode::Dark);
    icon.source = api::parseOr(q.value(QStringLiteral("source")).toString(), api::IconSource::Generated);
    icon.favorite = q.value(QStringLiteral("favorite")).toBool();
    icon.selectedVariant = q.value(QStringLiteral("selected_variant")).toInt();
    icon.variants = variantsFromJson(q.value(QStringLiteral("variants")).toString());
    if (!q.isNull(QStringLiteral("interpretation")))
        icon.interpretation =
            QJsonDocument::fromJson(q.value(QStringLiteral("interpretation")).toString().toUtf8()).object();
    icon.createdAt = q.value(QStringLiteral("created_at")).toDateTime().toUTC();
    icon.updatedAt = q.value(QStringLiteral("updated_at")).toDateTime().toUTC();
    return icon;
}

// LIKE pattern for a literal substring: escape the wildcards and the escape character itself.
QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return u'%' + escaped + u'%';
}

} // namespace

namespace IconRepository {

QByteArray insert(const QSqlDatabase &db, const QString &userId, const Icon &icon, const QString &generator)
{
    const QJsonObject metadata{{QStringLiteral("colorMode"), api::name(icon.colorMode)},
                               {QStringLiteral("intent"), api::name(icon.intent)},
                               {QStringLiteral("generator"), generator}};
    SqlQuery q(
        db,
        QStringLiteral(
            "INSERT INTO assets AS a (id, user_id, prompt, svg, metadata, variants, interpretation, "
            "favorite, "
            "source, intent, color_mode, selected_variant, created_at, updated_at) "
            "VALUES (:id::uuid, :user::uuid, :prompt::text, :svg::text, :metadata::jsonb, :variants::jsonb, "
            ":interpretation::jsonb, false, :source::text, :intent::text, :color_mode::text, 0, "
            ":created::timestamptz, :updated::timestamptz) RETURNING ") +
            kIconJson,
        "icons.insert");
    q.bind({{":id", icon.id},
            {":user", userId},
            {":prompt", icon.prompt},
            {":svg", icon.variants.constFirst().svg},
            {":metadata", QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact))},
            {":variants",
             QString::fromUtf8(QJsonDocument(variantsToJson(icon.variants)).toJson(QJsonDocument::Compact))},
            {":interpretation", !icon.interpretation.isEmpty()
                                    ? QVariant(QString::fromUtf8(
                                          QJsonDocument(icon.interpretation).toJson(QJsonDocument::Compact)))
                                    : QVariant(QMetaType::fromType<QString>())},
            {":source", api::name(icon.source)},
            {":intent", api::name(icon.intent)},
            {":color_mode", api::name(icon.colorMode)},
            {":created", icon.createdAt},
            {":updated", icon.updatedAt},
            {":time_format", kTimeFormat}})
        .exec();
    q.next();
    return jsonColumn(q, 0);
}

QString listStatement(const IconListFilter &filter)
{
    // Each filter combination is its own statement so the planner sees the literal predicates of the
    // partial indexes (a bound `favorite = $n` would not match `WHERE … AND favorite`).
    QString where = QStringLiteral("i.user_id = :user::uuid AND i.deleted_at IS NULL");
    if (filter.favorite)
        where += *filter.favorite ? QStringLiteral(" AND i.favorite") : QStringLiteral(" AND NOT i.favorite");
    const bool searching = !filter.search.isEmpty();
    if (searching)
        where += QStringLiteral(" AND i.prompt ILIKE :pattern::text");

    // The total and the page come from one statement, so they agree. Without a search the total is the
    // per-user counter kept by migration 0003's triggers; counting 10,000 rows per page would cost more
    // than reading the page.
    QString total;
    if (searching) {
        total = QStringLiteral("SELECT count(*) FROM assets i WHERE ") + where;
        total.replace(QLatin1String(":user"), QLatin1String(":count_user"));
        total.replace(QLatin1String(":pattern"), QLatin1String(":count_pattern"));
    } else {
        const QString column = !filter.favorite   ? QStringLiteral("live")
                               : *filter.favorite ? QStringLiteral("favorites")
                                                  : QStringLiteral("live - favorites");
        total = QStringLiteral("SELECT %1 FROM asset_counts WHERE user_id = :count_user::uuid").arg(column);
    }
    // The page is chosen on (created_at, id) alone, which the history index holds, so the rows an
    // offset skips cost an index entry each; the JSON is built for the page's rows only.
    return QStringLiteral("SELECT coalesce((%1), 0) AS total, page.icon FROM (SELECT 1) one "
                          "LEFT JOIN LATERAL (SELECT %2 AS icon "
                          "FROM (SELECT i.id, i.created_at FROM assets i WHERE %3 "
                          "ORDER BY i.created_at DESC, i.id DESC LIMIT :limit::int OFFSET :offset::int) p "
                          "JOIN assets a ON a.id = p.id ORDER BY p.created_at DESC, p.id DESC) page ON true")
        .arg(total, filter.view == IconView::Thumbnail ? kIconThumbnailJson : kIconPageJson, where);
}

IconPage list(const QSqlDatabase &db, const QString &userId, const IconListFilter &filter)
{
    const bool searching = !filter.search.isEmpty();
    SqlQuery q(db, listStatement(filter),
               filter.view == IconView::Thumbnail ? "icons.listThumbnails" : "icons.list");
    q.bind({{":count_user", userId},
            {":user", userId},
            {":limit", filter.limit},
            {":offset", filter.offset},
            {":time_format", kTimeFormat}});
    if (searching) {
        const QString pattern = containsPattern(filter.search);
        q.bind(QStringLiteral(":count_pattern"), pattern).bind(QStringLiteral(":pattern"), pattern);
    }
    q.exec();

    IconPage page;
    page.icons.reserve(filter.limit);
    while (q.next()) {
        page.total = q.value(0).toLongLong();
        if (!q.query().isNull(1))
            page.icons.append(jsonColumn(q, 1));
    }
    return page;
}

namespace {
std::optional<Icon> findImpl(const QSqlDatabase &db, const QString &userId, const QString &id, bool lock)
{
    SqlQuery q(db,
               QStringLiteral("SELECT %1 FROM assets a WHERE a.id = :id::uuid AND a.user_id = :user::uuid "
                              "AND a.deleted_at IS NULL%2")
                   .arg(kColumns, lock ? QStringLiteral(" FOR UPDATE") : QString()),
               lock ? "icons.findForUpdate" : "icons.find");
    q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":user"), userId).exec();
    if (!q.next())
        return std::nullopt;
    return readIcon(q);
}
} // namespace

std::optional<Icon> find(const QSqlDatabase &db, const QString &userId, const QString &id)
{
    return findImpl(db, userId, id, false);
}

QList<Icon> findMany(const QSqlDatabase &db, const QString &userId, const QStringList &ids)
{
    if (ids.isEmpty())
        return {};
    SqlQuery q(db,
               QStringLiteral("SELECT %1 FROM assets a WHERE a.id = ANY (:ids::text::uuid[]) "
                              "AND a.user_id = :user::uuid AND a.deleted_at IS NULL")
                   .arg(kColumns),
               "icons.findMany");
    q.bind(QStringLiteral(":ids"), QLatin1Char('{') + ids.join(QLatin1Char(',')) + QLatin1Char('}'))
        .bind(QStringLiteral(":user"), userId)
        .exec();
    QHash<QString, Icon> found;
    while (q.next()) {
        Icon icon = readIcon(q);
        found.insert(icon.id, std::move(icon));
    }
    QList<Icon> icons;
    for (const QString &id : ids) {
        if (found.contains(id))
            icons << found.value(id);
    }
    return icons;
}

std::optional<Icon> findForUpdate(const QSqlDatabase &db, const QString &userId, const QString &id)
{
    return findImpl(db, userId, id, true);
}

std::optional<QByteArray> findJson(const QSqlDatabase &db, const QString &userId, const QString &id)
{
    SqlQuery q(db,
               QStringLiteral("SELECT %1 FROM assets a WHERE a.id = :id::uuid AND a.user_id = :user::uuid "
                              "AND a.deleted_at IS NULL")
                   .arg(kIconJson),
               "icons.findJson");
    q.bind({{":id", id}, {":user", userId}, {":time_format", kTimeFormat}}).exec();
    if (!q.next())
        return std::nullopt;
    return jsonColumn(q, 0);
}

QByteArray update(const QSqlDatabase &db, const QString &userId, const QString &id,
                  std::optional<bool> favorite, std::optional<int> selectedVariant, const QDateTime &now)
{
    SqlQuery q(db,
               QStringLiteral("UPDATE assets a SET favorite = coalesce(:favorite::boolean, a.favorite), "
                              "selected_variant = coalesce(:selected::int, a.selected_variant), "
                              "updated_at = :now::timestamptz, version = a.version + 1 "
                              "WHERE a.id = :id::uuid AND a.user_id = :user::uuid AND a.deleted_at IS NULL "
                              "RETURNING %1")
                   .arg(kIconJson),
               "icons.update");
    q.bind(
         {{":favorite", favorite ? QVariant(*favorite) : QVariant(QMetaType::fromType<bool>())},
          {":selected", selectedVariant ? QVariant(*selectedVariant) : QVariant(QMetaType::fromType<int>())},
          {":now", now},
          {":id", id},
          {":user", userId},
          {":time_format", kTimeFormat}})
        .exec();
    q.next(); // the caller holds the row lock, so it is there
    return jsonColumn(q, 0);
}

void replaceDrawing(const QSqlDatabase &db, const QString &userId, const QString &id,
                    const QList<IconVariant> &variants, ColorMode colorMode, const QDateTime &now)
{
    SqlQuery q(db,
               QStringLiteral("UPDATE assets SET variants = :variants::jsonb, svg = :svg::text, "
                              "color_mode = :color_mode::text, "
                              "metadata = jsonb_set(metadata, '{colorMode}', to_jsonb(:mode::text)), "
                              "updated_at = :now::timestamptz, version = version + 1 "
                              "WHERE id = :id::uuid AND user_id = :user::uuid AND deleted_at IS NULL"),
               "icons.replaceDrawing");
    q.bind({{":variants",
             QString::fromUtf8(QJsonDocument(variantsToJson(variants)).toJson(QJsonDocument::Compact))},
            {":svg", variants.constFirst().svg},
            {":color_mode", api::name(colorMode)},
            {":mode", api::name(colorMode)},
            {":now", now},
            {":id", id},
            {":user", userId}})
        .exec();
}

bool softDelete(const QSqlDatabase &db, const QString &userId, const QString &id, const QDateTime &now)
{
    SqlQuery q(db,
               QStringLiteral(
                   "UPDATE assets SET deleted_at = :now::timestamptz, updated_at = :updated::timestamptz, "
                   "version = version + 1 "
                   "WHERE id = :id::uuid AND user_id = :user::uuid AND deleted_at IS NULL"),
               "icons.softDelete");
    q.bind({{":now", now}, {":updated", now}, {":id", id}, {":user", userId}}).exec();
    return q.numRowsAffected() > 0;
}

void lockImports(const QSqlDatabase &db, const QString &userId)
{
    SqlQuery(
        db,
        QStringLiteral(
            "SELECT pg_advisory_xact_lock(hashtextextended('parametric.import.user:' || :user::text, 0))"),
        "icons.lockImports")
        .bind(":user", userId)
        .exec();
}

QDateTime nthRecentImport(const QSqlDatabase &db, const QString &userId, int n)
{
    SqlQuery q(
        db,
        QStringLiteral("SELECT created_at FROM assets WHERE user_id = :user::uuid AND source = 'imported' "
                       "ORDER BY created_at DESC OFFSET :skip::int LIMIT 1"),
        "icons.nthRecentImport");
    q.bind(QStringLiteral(":user"), userId).bind(QStringLiteral(":skip"), n - 1).exec();
    return q.next() ? q.value(0).toDateTime().toUTC() : QDateTime();
}

qint64 liveImports(const QSqlDatabase &db, const QString &userId, qint64 cap)
{
    SqlQuery q(db,
               QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM assets WHERE user_id = :user::uuid "
                              "AND source = 'imported' AND deleted_at IS NULL LIMIT :cap::bigint) AS live"),
               "icons.liveImports");
    q.bind(QStringLiteral(":user"), userId).bind(QStringLiteral(":cap"), cap).exec();
    q.next();
    return q.value(0).toLongLong();
}

} // namespace IconRepository
