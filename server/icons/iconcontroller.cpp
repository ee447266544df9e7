#include "icons/iconcontroller.h"

#include "api/uuid.h"
#include "core/config.h"
#include "core/filenames.h"
#include "core/logging.h"
#include "db/database.h"
#include "db/transaction.h"
#include "generation/icongenerator.h"
#include "http/apierror.h"
#include "icons/designcheck.h"
#include "icons/generationlimiter.h"
#include "icons/iconinput.h"
#include "icons/iconrepository.h"
#include "icons/importlimiter.h"
#include "icons/sceneeditor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

#include <atomic>

// The controller's state and its handlers, shared with the generation callbacks. Holds no generator
// (only a weak reference), so a completion that outlives the controller never keeps it alive.
struct IconController::Handlers : std::enable_shared_from_this<IconController::Handlers>
{
    Handlers(Database &database, const ServerConfig &config, std::shared_ptr<Clock> clock,
             const std::shared_ptr<IconGenerator> &generator)
        : database(&database)
        , clock(clock)
        , limiter(GenerationLimits::fromConfig(config), clock)
        , importLimiter(ImportLimits::fromConfig(config), clock)
        , generatorName(generator->name())
        , upstream(generatorName != QLatin1String("builtin"))
        , generator(generator)
    {}

    Database *database;
    std::shared_ptr<Clock> clock;
    GenerationLimiter limiter;
    ImportLimiter importLimiter;
    QString generatorName;
    bool upstream; // the generator calls a paid upstream API (counts toward the global cap)
    std::weak_ptr<IconGenerator> generator;

    void create(const Request &request, const AuthContext &who, Reply reply);
    void list(const Request &request, const AuthContext &who, Reply reply);
    void import(const Request &request, const AuthContext &who, Reply reply);
    void get(const Request &request, const AuthContext &who, Reply reply);
    void patch(const Request &request, const AuthContext &who, Reply reply);
    void remove(const Request &request, const AuthContext &who, Reply reply);
    void svg(const Request &request, const AuthContext &who, Reply reply);
};

namespace {

const QString kIcon = QStringLiteral("icon");

QString iconIdParam(const Request &request)
{
    const auto id = api::canonicalUuid(request.param(u"id"));
    if (!id)
        throw ApiError::notFound(kIcon);
    return *id;
}

Response iconResponse(QByteArray json, int status = 200)
{
    return Response::raw(std::move(json), "application/json", status);
}

// A strong validator for a page: its length and a 64-bit hash of its bytes. Equal tags mean equal
// bytes (up to the hash's 2^-64), so a client that sends it back may keep what it has.
QByteArray entityTag(const QByteArray &body)
{
    return '"' + QByteArray::number(body.size(), 16) + '-' +
           QByteArray::number(quint64(qHash(QByteArrayView(body), 0)), 16) + '"';
}

// RFC 9110 §13.1.2: If-None-Match compares weakly, may list several tags (in one header or several)
// and "*" matches any current representation.
bool noneMatch(const Request &request, const QByteArray &tag)
{
    for (const QByteArray &header : request.headerValues("If-None-Match")) {
        for (QByteArray candidate : header.split(',')) {
            candidate = candidate.trimmed();
            if (candidate.startsWith("W/"))
                candidate = candidate.mid(2);
            if (candidate == "*" || candidate == tag)
                return false;
        }
    }
    return true;
}

// {"data":[…],"total":N,"limit":L,"offset":O}: the icons as PostgreSQL wrote them, joined, never
// decoded. Unchanged pages answer 304 to a client that sends the page's ETag back.
Response pageResponse(const IconPage &page, const IconListFilter &filter, const Request &request)
{
    const QByteArray tail = "],\"total\":" + QByteArray::number(page.total) +
                            ",\"limit\":" + QByteArray::number(filter.limit) +
                            ",\"offset\":" + QByteArray::number(filter.offset) + '}';
    qsizetype size = 9 + page.icons.size() + tail.size();
    for (const QByteArray &icon : page.icons)
        size += icon.size();
    QByteArray body;
    body.reserve(size);
    body.append("{\"data\":[");
    for (qsizetype i = 0; i < page.icons.size(); ++i) {
        if (i > 0)
            body.append(',');
        body.append(page.icons[i]);
    }
    body.append(tail);

    const QByteArray tag = entityTag(body);
    Response response =
        Response::raw(noneMatch(request, tag) ? std::move(body) : QByteArray(), "application/json");
    if (response.body.isEmpty()) {
        response.status = 304;
        response.contentType.clear();
    }
    // Clients may keep a page, but must ask again before using it.
    return response.header("ETag", tag).header("Cache-Control", "private, no-cache");
}

} // namespace

// One admitted generation from admission to answer. Whatever happens — success, generator failure,
// database failure, a callback that never stores — the lease is released exactly once.
class PendingGeneration
{
public:
    PendingGeneration(std::shared_ptr<IconController::Handlers> core, QString userId, QString leaseId,
                      Icon icon, Reply reply)
        : m_core(std::move(core))
        , m_userId(std::move(userId))
        , m_leaseId(std::move(leaseId))
        , m_icon(std::move(icon))
        , m_reply(std::move(reply))
    {
        m_timer.start();
    }

    ~PendingGeneration()
    {
        if (m_released)
            return;
        // Still holding the lease (finish() never ran or failed before releasing it).
        Database *db = m_core->database;
        const QString leaseId = m_leaseId;
        db->run([db, leaseId] {
            try {
                GenerationLimiter::release(db->connection(), leaseId);
            } catch (const std::exception &) {
                // Logged by DbError; the lease expires on its own.
            }
        });
    }

    // Runs on a Database pool thread.
    void finish(GenerationResult result)
    {
        Database *db = m_core->database;
        if (!result.ok()) {
            releaseLease(db);
            const ApiError answer = answerFor(*result.error).value_or(ApiError::internal());
            qCInfo(lcIcons).noquote() << "generation failed with" << answer.status() << answer.code()
                                      << "after" << m_timer.elapsed() << "ms; nothing stored";
            m_reply.fail(answer);
            return;
        }
        m_reply.respond([&] {
            if (result.variants.isEmpty())
                throw ApiError::badGateway(QStringLiteral("The icon generator returned no usable icon."));
            for (const GeneratedVariant &v : std::as_const(result.variants)) {
                if (m_icon.variants.size() >= 3)
                    break;
                m_icon.variants.append({api::newUuid(),
                                        v.name.trimmed().isEmpty() ? m_icon.prompt.left(80) : v.name, v.svg,
                                        v.warnings, v.scene});
            }
            m_icon.interpretation = result.interpretation.value_or(QJsonObject());
            m_icon.createdAt = m_core->clock->now().toUTC();
            m_icon.updatedAt = m_icon.createdAt;
            QSqlDatabase connection = db->connection();
            QByteArray stored;
            withTransaction(connection, [&] {
                stored = IconRepository::insert(connection, m_userId, m_icon, m_core->generatorName);
                GenerationLimiter::release(connection, m_leaseId);
            });
            m_released = true;
            if (!m_reply.isConnected()) {
                qCInfo(lcIcons).noquote()
                    << "client left during generation; icon" << m_icon.id << "stored in its history";
            }
            return iconResponse(std::move(stored), 201)
                .header("Location", "/api/icons/" + m_icon.id.toLatin1());
        });
    }

private:
    void releaseLease(Database *db)
    {
        try {
            GenerationLimiter::release(db->connection(), m_leaseId);
            m_released = true;
        } catch (const std::exception &) {
            // The destructor retries; the lease expires on its own at worst.
        }
    }

    std::shared_ptr<IconController::Handlers> m_core;
    QString m_userId;
    QString m_leaseId;
    Icon m_icon;
    Reply m_reply;
    QElapsedTimer m_timer;
    bool m_released = false;
};

IconController::IconController(Database &database, const ServerConfig &config, AuthGuard guard,
                               std::shared_ptr<Clock> clock, std::shared_ptr<IconGenerator> generator)
    : m_generator(generator ? std::move(generator)
                            : std::shared_ptr<IconGenerator>(GeneratorFactory::fromConfig(config)))
    , m_guard(std::move(guard))
{
    d = std::make_shared<Handlers>(database, config, std::move(clock), m_generator);
    qCInfo(lcIcons).noquote() << "icon generator:" << d->generatorName;
}

IconController::~IconController()
{
    // Fails what is still in flight now, while the Database is alive to release the leases.
    m_generator.reset();
}

void IconController::registerRoutes(Router &router)
{
    const AuthGuard &g = m_guard;
    g.route(router, "POST", QStringLiteral("/api/icons"),
            QStringLiteral("Generate an icon from a prompt and store it"), bindHandler(d, &Handlers::create));
    g.route(router, "GET", QStringLiteral("/api/icons"),
            QStringLiteral("List the caller's icons, newest first"), bindHandler(d, &Handlers::list));
    g.route(router, "POST", QStringLiteral("/api/icons/import"),
            QStringLiteral("Import an SVG file into the caller's library"),
            bindHandler(d, &Handlers::import));
    g.route(router, "GET", QStringLiteral("/api/icons/{id}"), QStringLiteral("Get one of the caller's icons"),
            bindHandler(d, &Handlers::get));
    g.route(router, "PATCH", QStringLiteral("/api/icons/{id}"),
            QStringLiteral("Mark an icon as favourite, choose its variant, edit its scenes' parameters or "
                           "change its palette"),
            bindHandler(d, &Handlers::patch));
    g.route(router, "DELETE", QStringLiteral("/api/icons/{id}"),
            QStringLiteral("Delete an icon (soft delete)"), bindHandler(d, &Handlers::remove));
    g.route(router, "GET", QStringLiteral("/api/icons/{id}/svg"),
            QStringLiteral("Download one variant of an icon as an SVG file"), bindHandler(d, &Handlers::svg));
}

void IconController::Handlers::create(const Request &request, const AuthContext &who, Reply reply)
{
    const QJsonObject body = request.jsonObject();
    Icon icon;
    icon.id = api::newUuid();
    IconInput::Create input = IconInput::parseCreate(body, icon.id);
    GenerationRequest &generation = input.generation;
    if (input.referenceIcon) {
        // Refine a stored icon: its scene (and SVG) as the generator's reference.
        const auto reference = IconRepository::find(database->connection(), who.userId, *input.referenceIcon);
        if (!reference)
            throw ApiError::validation(QStringLiteral("referenceIcon"),
                                       QStringLiteral("The icon in 'referenceIcon' does not exist."));
        const int index = input.referenceVariant.value_or(reference->selectedVariant);
        if (index >= reference->variants.size())
            throw ApiError::validation(QStringLiteral("referenceVariant"),
                                       QStringLiteral("The field 'referenceVariant' must be from 0 to %1.")
                                           .arg(reference->variants.size() - 1));
        const IconVariant &variant = reference->variants.at(index);
        if (generation.referenceSvg.isEmpty())
            generation.referenceSvg = variant.svg;
        if (generation.referenceScene.isEmpty())
            generation.referenceScene = variant.scene;
        generation.referenceImported = reference->source == api::IconSource::Imported;
    }
    icon.prompt = generation.prompt;
    icon.intent = generation.intent;
    icon.colorMode = generation.colorMode;
    icon.source = api::IconSource::Generated;

    const std::shared_ptr<IconGenerator> generatorNow = generator.lock();
    if (!generatorNow)
        throw ApiError::serviceUnavailable(QStringLiteral("The server is shutting down."));
    const QString leaseId = limiter.admit(database->connection(), who.userId, upstream);
    auto self = shared_from_this();
    auto pending = std::make_shared<PendingGeneration>(self, who.userId, leaseId, std::move(icon), reply);

    // The built-in generator answers synchronously on this pool thread: store right here instead
    // of queueing another pool task. Anything else completes later on its own thread.
    QThread *const handlerThread = QThread::currentThread();
    auto inside = std::make_shared<std::atomic_bool>(true);
    generatorNow->generate(generation, [self, pending, handlerThread, inside](GenerationResult result) {
        if (inside->load() && QThread::currentThread() == handlerThread) {
            pending->finish(std::move(result));
            return;
        }
        self->database->run(
            [pending, result = std::move(result)]() mutable { pending->finish(std::move(result)); });
    });
    inside->store(false);
}

void IconController::Handlers::list(const Request &request, const AuthContext &who, Reply reply)
{
    const IconListFilter filter = IconInput::parseListQuery(request);
    const IconPage page = IconRepository::list(database->connection(), who.userId, filter);
    reply.send(pageResponse(page, filter, request));
}

void IconController::Handlers::import(const Request &request, const AuthContext &who, Reply reply)
{
    const QJsonObject body = request.jsonObject();
    Icon icon;
    icon.id = api::newUuid();
    const IconInput::Import input = IconInput::parseImport(body, icon.id);
    icon.prompt = input.name;
    icon.intent = api::Intent::Create;
    icon.colorMode = ColorMode::Dark;
    icon.source = api::IconSource::Imported;
    icon.variants.append(
        {api::newUuid(), input.name, input.svg, checkIconDesign(input.svg, std::nullopt).warnings, {}});
    icon.createdAt = clock->now().toUTC();
    icon.updatedAt = icon.createdAt;
    QSqlDatabase db = database->connection();
    QByteArray stored;
    withTransaction(db, [&] {
        importLimiter.admit(db, who.userId);
        stored = IconRepository::insert(db, who.userId, icon, QStringLiteral("import"));
    });
    reply.send(iconResponse(std::move(stored), 201).header("Location", "/api/icons/" + icon.id.toLatin1()));
}

void IconController::Handlers::get(const Request &request, const AuthContext &who, Reply reply)
{
    auto icon = IconRepository::findJson(database->connection(), who.userId, iconIdParam(request));
    if (!icon)
        throw ApiError::notFound(kIcon);
    reply.send(iconResponse(std::move(*icon)));
}

void IconController::Handlers::patch(const Request &request, const AuthContext &who, Reply reply)
{
    const QString id = iconIdParam(request);
    const IconInput::Patch change = IconInput::parsePatch(request.jsonObject());
    QSqlDatabase db = database->connection();
    QByteArray icon = withTransaction(db, [&] {
        const auto current = IconRepository::findForUpdate(db, who.userId, id);
        if (!current)
            throw ApiError::notFound(kIcon);
        if (change.selectedVariant && *change.selectedVariant >= current->variants.size()) {
            throw ApiError::validation(QStringLiteral("selectedVariant"),
                                       QStringLiteral("The field 'selectedVariant' must be from 0 to %1.")
                                           .arg(current->variants.size() - 1));
        }
        const QDateTime now = clock->now().toUTC();
        if (!change.parameters.isEmpty() || change.colorMode) {
            // `parameters` without `variant` edits the selected variant (as this change selects it).
            const int selected = change.selectedVariant.value_or(current->selectedVariant);
            QMap<int, QVariantMap> parameters;
            for (auto it = change.parameters.begin(); it != change.parameters.end(); ++it)
                parameters.insert(it.key() < 0 ? selected : it.key(), it.value());
            const QList<IconVariant> variants = SceneEditor::apply(*current, parameters, change.colorMode);
            IconRepository::replaceDrawing(db, who.userId, id, variants,
                                           change.colorMode.value_or(current->colorMode), now);
        }
        return IconRepository::update(db, who.userId, id, change.favorite, change.selectedVariant, now);
    });
    reply.send(iconResponse(std::move(icon)));
}

void IconController::Handlers::remove(const Request &request, const AuthContext &who, Reply reply)
{
    if (!IconRepository::softDelete(database->connection(), who.userId, iconIdParam(request),
                                    clock->now().toUTC()))
        throw ApiError::notFound(kIcon);
    reply.send(Response::noContent());
}

void IconController::Handlers::svg(const Request &request, const AuthContext &who, Reply reply)
{
    const QString id = iconIdParam(request);
    const qint64 requested = request.queryInt(QStringLiteral("variant"), -1, 0, 2);
    const auto icon = IconRepository::find(database->connection(), who.userId, id);
    if (!icon)
        throw ApiError::notFound(kIcon);
    const qsizetype index = requested < 0 ? icon->selectedVariant : requested;
    if (index >= icon->variants.size())
        throw ApiError::notFound(QStringLiteral("icon variant"));
    // The name is [a-z0-9_] only, so it cannot break out of the header (HT-9).
    const QString filename =
        iconFileName(icon->prompt, int(index), int(icon->variants.size()), QStringLiteral("svg"));
    reply.send(
        Response::raw(icon->variants.at(index).svg.toUtf8(), "image/svg+xml; charset=utf-8")
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
            .header("Cache-Control", "private")
            .header("Content-Disposition", "attachment; filename=\"" + filename.toLatin1() + '"'));
}
