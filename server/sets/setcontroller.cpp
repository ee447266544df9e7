#include "sets/setcontroller.h"

#include "api/uuid.h"
#include "core/filenames.h"
#include "db/database.h"
#include "db/transaction.h"
#include "export/setexport.h"
#include "http/apierror.h"
#include "icons/iconrepository.h"
#include "sets/setrepository.h"
#include "vocabulary/sceneredraw.h"

#include <QJsonArray>

namespace {

const QString kSet = QStringLiteral("set");
constexpr int kNameMaxLength = 100;

QString setIdParam(const Request &request)
{
    const auto id = api::canonicalUuid(request.param(u"id"));
    if (!id)
        throw ApiError::notFound(kSet);
    return *id;
}

std::optional<QString> setName(const QJsonObject &body, bool required)
{
    const QString field = QStringLiteral("name");
    if (!required && !body.contains(field))
        return std::nullopt;
    const QString raw = json::requiredString(body, field, 0, 4 * kNameMaxLength + 64);
    json::rejectControlCharacters(raw, field);
    const QString name = raw.trimmed();
    if (name.isEmpty())
        throw ApiError::validation(field, QStringLiteral("The field 'name' must not be empty."));
    if (name.size() > kNameMaxLength)
        throw ApiError::validation(
            field, QStringLiteral("The field 'name' must be at most %1 characters.").arg(kNameMaxLength));
    return name;
}

std::optional<QString> colorMode(const QJsonObject &body)
{
    const auto text = json::optionalString(body, QStringLiteral("colorMode"), 16);
    if (text && !IconDesign::colorModeFromName(*text))
        throw ApiError::validation(QStringLiteral("colorMode"),
                                   QStringLiteral("The field 'colorMode' must be 'dark' or 'light'."));
    return text;
}

// Canonical UUIDs, no repeats, at most kMaxIcons; which of them are the caller's live icons is checked
// against the database by the caller.
std::optional<QStringList> iconIds(const QJsonObject &body)
{
    const QString field = QStringLiteral("iconIds");
    if (!body.contains(field))
        return std::nullopt;
    if (!body.value(field).isArray())
        throw ApiError::validation(field,
                                   QStringLiteral("The field 'iconIds' must be an array of icon ids."));
    const QJsonArray array = body.value(field).toArray();
    if (array.size() > SetController::kMaxIcons)
        throw ApiError::validation(
            field, QStringLiteral("A set holds at most %1 icons.").arg(SetController::kMaxIcons));
    QStringList ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const auto id = api::canonicalUuid(array.at(i).toString());
        const QString name = QStringLiteral("iconIds[%1]").arg(i);
        if (!id)
            throw ApiError::validation(name, QStringLiteral("The field '%1' must be an icon id.").arg(name));
        if (ids.contains(*id))
            throw ApiError::validation(name, QStringLiteral("The icon %1 is in the list twice.").arg(*id));
        ids << *id;
    }
    return ids;
}

void checkIconsExist(const QSqlDatabase &db, const QString &userId, const QStringList &ids)
{
    const QList<Icon> found = IconRepository::findMany(db, userId, ids);
    if (found.size() == ids.size())
        return;
    QSet<QString> present;
    for (const Icon &icon : found)
        present.insert(icon.id);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (!present.contains(ids.at(i)))
            throw ApiError::validation(QStringLiteral("iconIds[%1]").arg(i),
                                       QStringLiteral("There is no icon %1 in your history.").arg(ids.at(i)));
    }
}

QJsonObject summaryJson(const ToolbarSet &set)
{
    return {{QStringLiteral("id"), set.id},
            {QStringLiteral("name"), set.name},
            {QStringLiteral("colorMode"), set.colorMode},
            {QStringLiteral("iconCount"), int(set.iconIds.size())},
            {QStringLiteral("iconIds"), QJsonArray::fromStringList(set.iconIds)},
            {QStringLiteral("createdAt"), set.createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updatedAt"), set.updatedAt.toString(Qt::ISODateWithMs)}};
}

// The set with its icons: each icon's selected variant drawn in the set's ink when it has a scene.
QJsonObject detailJson(const QSqlDatabase &db, const QString &userId, const ToolbarSet &set)
{
    const ColorMode ink = IconDesign::colorModeFromName(set.colorMode).value_or(ColorMode::Dark);
    const QList<Icon> icons = IconRepository::findMany(db, userId, set.iconIds);
    QStringList names;
    for (const Icon &icon : icons)
        names << icon.prompt;
    const QStringList bases = SetExport::uniqueBaseNames(names);
    QJsonArray out;
    for (qsizetype i = 0; i < icons.size(); ++i) {
        const Icon &icon = icons.at(i);
        const int variant = std::clamp(icon.selectedVariant, 0, int(icon.variants.size()) - 1);
        const IconVariant &v = icon.variants.at(variant);
        QString svg = v.svg;
        bool inSetInk = api::name(icon.colorMode) == set.colorMode;
        if (!v.scene.isEmpty()) {
            const auto redrawn = vocab::redrawScene(
                v.scene, {}, ink, icon.id + QLatin1Char(':') + QString::number(variant), nullptr);
            if (redrawn) {
                svg = redrawn->svg;
                inSetInk = true;
            }
        }
        QJsonObject o{{QStringLiteral("id"), icon.id},
                      {QStringLiteral("name"), icon.prompt},
                      {QStringLiteral("fileName"), bases.at(i)},
                      {QStringLiteral("variant"), variant},
                      {QStringLiteral("svg"), svg},
                      {QStringLiteral("inSetInk"), inSetInk},
                      {QStringLiteral("source"), api::name(icon.source)}};
        if (!v.scene.isEmpty())
            o.insert(QStringLiteral("scene"), v.scene);
        out.append(o);
    }
    QJsonObject json = summaryJson(set);
    json.insert(QStringLiteral("iconCount"), int(icons.size()));
    json.insert(QStringLiteral("icons"), out);
    return json;
}

} // namespace

// The controller's state and handlers (shared with the routes).
struct SetController::Handlers
{
    Database *database;
    std::shared_ptr<Clock> clock;

    void list(const Request &request, const AuthContext &who, Reply reply) const;
    void create(const Request &request, const AuthContext &who, Reply reply) const;
    void get(const Request &request, const AuthContext &who, Reply reply) const;
    void patch(const Request &request, const AuthContext &who, Reply reply) const;
    void remove(const Request &request, const AuthContext &who, Reply reply) const;
};

SetController::SetController(Database &database, AuthGuard guard, std::shared_ptr<Clock> clock)
    : d(std::make_shared<Handlers>(Handlers{&database, std::move(clock)}))
    , m_guard(std::move(guard))
{}

void SetController::registerRoutes(Router &router)
{
    const AuthGuard &g = m_guard;
    g.route(router, "GET", QStringLiteral("/api/sets"), QStringLiteral("The caller's toolbar sets"),
            bindHandler(d, &Handlers::list));
    g.route(router, "POST", QStringLiteral("/api/sets"), QStringLiteral("Create a toolbar set"),
            bindHandler(d, &Handlers::create));
    g.route(router, "GET", QStringLiteral("/api/sets/{id}"),
            QStringLiteral("A toolbar set with its icons drawn in its style"),
            bindHandler(d, &Handlers::get));
    g.route(router, "PATCH", QStringLiteral("/api/sets/{id}"),
            QStringLiteral("Rename a toolbar set, change its style or its icons"),
            bindHandler(d, &Handlers::patch));
    g.route(router, "DELETE", QStringLiteral("/api/sets/{id}"),
            QStringLiteral("Delete a toolbar set (its icons stay in history)"),
            bindHandler(d, &Handlers::remove));
}

void SetController::Handlers::list(const Request &, const AuthContext &who, Reply reply) const
{
    QJsonArray data;
    for (const ToolbarSet &set : SetRepository::list(database->connection(), who.userId))
        data.append(summaryJson(set));
    reply.send(Response::json(QJsonObject{{QStringLiteral("data"), data}}));
}

void SetController::Handlers::create(const Request &request, const AuthContext &who, Reply reply) const
{
    const QJsonObject body = request.jsonObject();
    ToolbarSet set;
    set.id = api::newUuid();
    set.name = *setName(body, true);
    set.colorMode = colorMode(body).value_or(api::name(ColorMode::Dark));
    set.iconIds = iconIds(body).value_or(QStringList());
    set.createdAt = set.updatedAt = clock->now().toUTC();
    QSqlDatabase db = database->connection();
    const QJsonObject json = withTransaction(db, [&] {
        checkIconsExist(db, who.userId, set.iconIds);
        SetRepository::insert(db, who.userId, set);
        return detailJson(db, who.userId, set);
    });
    reply.send(Response::json(json, 201).header("Location", "/api/sets/" + set.id.toLatin1()));
}

void SetController::Handlers::get(const Request &request, const AuthContext &who, Reply reply) const
{
    const QString id = setIdParam(request);
    QSqlDatabase db = database->connection();
    const auto set = SetRepository::find(db, who.userId, id);
    if (!set)
        throw ApiError::notFound(kSet);
    reply.send(Response::json(detailJson(db, who.userId, *set)));
}

void SetController::Handlers::patch(const Request &request, const AuthContext &who, Reply reply) const
{
    const QString id = setIdParam(request);
    const QJsonObject body = request.jsonObject();
    const auto name = setName(body, false);
    const auto ink = colorMode(body);
    const auto ids = iconIds(body);
    if (!name && !ink && !ids)
        throw ApiError::badRequest(QStringLiteral("validation_error"),
                                   QStringLiteral("Send at least one of 'name', 'colorMode' and 'iconIds'."));
    QSqlDatabase db = database->connection();
    const QJsonObject json = withTransaction(db, [&] {
        auto set = SetRepository::find(db, who.userId, id, true);
        if (!set)
            throw ApiError::notFound(kSet);
        set->name = name.value_or(set->name);
        set->colorMode = ink.value_or(set->colorMode);
        set->updatedAt = clock->now().toUTC();
        SetRepository::update(db, *set);
        if (ids) {
            checkIconsExist(db, who.userId, *ids);
            SetRepository::replaceIcons(db, set->id, *ids);
            set->iconIds = *ids;
        }
        return detailJson(db, who.userId, *set);
    });
    reply.send(Response::json(json));
}

void SetController::Handlers::remove(const Request &request, const AuthContext &who, Reply reply) const
{
    if (!SetRepository::remove(database->connection(), who.userId, setIdParam(request)))
        throw ApiError::notFound(kSet);
    reply.send(Response::noContent());
}
