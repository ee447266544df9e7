#include "icons/iconcontroller.h"

#include "core/config.h"
#include "core/filenames.h"
#include "core/logging.h"
#include "db/database.h"
#include "db/transaction.h"
#include "generation/icongenerator.h"
#include "http/apierror.h"
#include "icons/designcheck.h"
#include "icons/generationlimiter.h"
#include "icons/iconids.h"
#include "icons/iconinput.h"
#include "icons/iconrepository.h"
#include "icons/importlimiter.h"
#include "icons/sceneeditor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

#include <atomic>

// What the handlers and the generation callbacks share. Holds no generator, so a completion that
// outlives the controller never keeps the generator alive.
struct IconControllerCore
{
    Database *database;
    std::shared_ptr<Clock> clock;
    GenerationLimiter limiter;
    ImportLimiter importLimiter;
    QString generatorName;
    bool upstream; // the generator calls a paid upstream API (counts toward the global cap)
};

namespace {

const QString kIcon = QStringLiteral("icon");

QString intentName(GenerationIntent intent)
{
    return intent == GenerationIntent::Refine ? QStringLiteral("refine") : QStringLiteral("create");
}

QString iconIdParam(const Request &request)
{
    const auto id = iconids::canonicalUuid(request.params.value(0));
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
    PendingGeneration(std::shared_ptr<IconControllerCore> core, QString userId, QString leaseId, Icon icon,
                      Reply reply)
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
                m_icon.variants.append({iconids::newUuid(),
                                        v.name.trimmed().isEmpty() ? m_icon.prompt.left(80) : v.name, v.svg,
                                        v.warnings, v.scene});
            }
            m_icon.interpretation = result.interpretation;
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

    std::shared_ptr<IconControllerCore> m_core;
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
    const QString name = m_generator->name();
    m_core = std::make_shared<IconControllerCore>(IconControllerCore{
        &database, clock, GenerationLimiter(GenerationLimits::fromConfig(config), clock),
        ImportLimiter(ImportLimits::fromConfig(config), clock), name, name != QLatin1String("builtin")});
    qCInfo(lcIcons).noquote() << "icon generator:" << name;
}

IconController::~IconController()
{
    // Fails what is still in flight now, while the Database is alive to release the leases.
    m_generator.reset();
}

void IconController::registerRoutes(Router &router)
{
    const std::shared_ptr<IconControllerCore> core = m_core;
    const std::weak_ptr<IconGenerator> weakGenerator = m_generator;

    auto &create = router.post(
        QStringLiteral("/api/icons"),
        m_guard([core, weakGenerator](const Request &request, const AuthContext &who, Reply reply) {
            const QJsonObject body = request.jsonObject();
            Icon icon;
            icon.id = iconids::newUuid();
            IconInput::Create input = IconInput::parseCreate(body, icon.id);
            GenerationRequest &generation = input.generation;
            if (input.referenceIcon) {
                // Refine a stored icon: its scene (and SVG) as the generator's reference.
                const auto reference =
                    IconRepository::find(core->database->connection(), who.userId, *input.referenceIcon);
                if (!reference)
                    throw ApiError::validation(QStringLiteral("referenceIcon"),
                                               QStringLiteral("The icon in 'referenceIcon' does not exist."));
                const int index = input.referenceVariant.value_or(reference->selectedVariant);
                if (index >= reference->variants.size())
                    throw ApiError::validation(
                        QStringLiteral("referenceVariant"),
                        QStringLiteral("The field 'referenceVariant' must be from 0 to %1.")
                            .arg(reference->variants.size() - 1));
                const IconVariant &variant = reference->variants.at(index);
                if (generation.referenceSvg.isEmpty())
                    generation.referenceSvg = variant.svg;
                if (generation.referenceScene.isEmpty())
                    generation.referenceScene = variant.scene;
                generation.referenceImported = reference->source == QLatin1String("imported");
            }
            icon.prompt = generation.prompt;
            icon.intent = intentName(generation.intent);
            icon.colorMode = IconDesign::colorModeName(generation.colorMode);
            icon.source = QStringLiteral("generated");

            const std::shared_ptr<IconGenerator> generator = weakGenerator.lock();
            if (!generator)
                throw ApiError::serviceUnavailable(QStringLiteral("The server is shutting down."));
            const QString leaseId =
                core->limiter.admit(core->database->connection(), who.userId, core->upstream);
            auto pending =
                std::make_shared<PendingGeneration>(core, who.userId, leaseId, std::move(icon), reply);

            // The built-in generator answers synchronously on this pool thread: store right here instead
            // of queueing another pool task. Anything else completes later on its own thread.
            QThread *const handlerThread = QThread::currentThread();
            auto inside = std::make_shared<std::atomic_bool>(true);
            generator->generate(generation, [core, pending, handlerThread, inside](GenerationResult result) {
                if (inside->load() && QThread::currentThread() == handlerThread) {
                    pending->finish(std::move(result));
                    return;
                }
                core->database->run(
                    [pending, result = std::move(result)]() mutable { pending->finish(std::move(result)); });
            });
            inside->store(false);
        }));
    create.summary = QStringLiteral("Generate an icon from a prompt and store it");
    m_guard.describe(create);

    auto &list = router.get(QStringLiteral("/api/icons"),
                            m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
                                const IconListFilter filter = IconInput::parseListQuery(request);
                                const IconPage page =
                                    IconRepository::list(core->database->connection(), who.userId, filter);
                                reply.send(pageResponse(page, filter, request));
                            }));
    list.summary = QStringLiteral("List the caller's icons, newest first");
    m_guard.describe(list);

    auto &importRoute = router.post(
        QStringLiteral("/api/icons/import"),
        m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
            const QJsonObject body = request.jsonObject();
            Icon icon;
            icon.id = iconids::newUuid();
            const IconInput::Import input = IconInput::parseImport(body, icon.id);
            icon.prompt = input.name;
            icon.intent = QStringLiteral("create");
            icon.colorMode = QStringLiteral("dark");
            icon.source = QStringLiteral("imported");
            icon.variants.append({iconids::newUuid(),
                                  input.name,
                                  input.svg,
                                  checkIconDesign(input.svg, std::nullopt).warnings,
                                  {}});
            icon.createdAt = core->clock->now().toUTC();
            icon.updatedAt = icon.createdAt;
            QSqlDatabase db = core->database->connection();
            QByteArray stored;
            withTransaction(db, [&] {
                core->importLimiter.admit(db, who.userId);
                stored = IconRepository::insert(db, who.userId, icon, QStringLiteral("import"));
            });
            reply.send(
                iconResponse(std::move(stored), 201).header("Location", "/api/icons/" + icon.id.toLatin1()));
        }));
    importRoute.summary = QStringLiteral("Import an SVG file into the caller's library");
    m_guard.describe(importRoute);

    auto &get = router.get(QStringLiteral("/api/icons/{id}"),
                           m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
                               const QString id = iconIdParam(request);
                               auto icon =
                                   IconRepository::findJson(core->database->connection(), who.userId, id);
                               if (!icon)
                                   throw ApiError::notFound(kIcon);
                               reply.send(iconResponse(std::move(*icon)));
                           }));
    get.summary = QStringLiteral("Get one of the caller's icons");
    m_guard.describe(get);

    auto &patch = router.patch(
        QStringLiteral("/api/icons/{id}"),
        m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
            const QString id = iconIdParam(request);
            const IconInput::Patch change = IconInput::parsePatch(request.jsonObject());
            QSqlDatabase db = core->database->connection();
            QByteArray icon = withTransaction(db, [&] {
                const auto current = IconRepository::findForUpdate(db, who.userId, id);
                if (!current)
                    throw ApiError::notFound(kIcon);
                if (change.selectedVariant && *change.selectedVariant >= current->variants.size()) {
                    throw ApiError::validation(
                        QStringLiteral("selectedVariant"),
                        QStringLiteral("The field 'selectedVariant' must be from 0 to %1.")
                            .arg(current->variants.size() - 1));
                }
                const QDateTime now = core->clock->now().toUTC();
                if (!change.parameters.isEmpty() || change.colorMode) {
                    // `parameters` without `variant` edits the selected variant (as this change selects it).
                    const int selected = change.selectedVariant.value_or(current->selectedVariant);
                    QMap<int, QVariantMap> parameters;
                    for (auto it = change.parameters.begin(); it != change.parameters.end(); ++it)
                        parameters.insert(it.key() < 0 ? selected : it.key(), it.value());
                    const QList<IconVariant> variants =
                        SceneEditor::apply(*current, parameters, change.colorMode);
                    IconRepository::replaceDrawing(
                        db, who.userId, id, variants,
                        change.colorMode ? IconDesign::colorModeName(*change.colorMode) : current->colorMode,
                        now);
                }
                return IconRepository::update(db, who.userId, id, change.favorite, change.selectedVariant,
                                              now);
            });
            reply.send(iconResponse(std::move(icon)));
        }));
    patch.summary = QStringLiteral(
        "Mark an icon as favourite, choose its variant, edit its scenes' parameters or change its palette");
    m_guard.describe(patch);

    auto &remove = router.del(QStringLiteral("/api/icons/{id}"),
                              m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
                                  const QString id = iconIdParam(request);
                                  if (!IconRepository::softDelete(core->database->connection(), who.userId,
                                                                  id, core->clock->now().toUTC()))
                                      throw ApiError::notFound(kIcon);
                                  reply.send(Response::noContent());
                              }));
    remove.summary = QStringLiteral("Delete an icon (soft delete)");
    m_guard.describe(remove);

    auto &svg = router.get(
        QStringLiteral("/api/icons/{id}/svg"),
        m_guard([core](const Request &request, const AuthContext &who, Reply reply) {
            const QString id = iconIdParam(request);
            const qint64 requested = request.queryInt(QStringLiteral("variant"), -1, 0, 2);
            const auto icon = IconRepository::find(core->database->connection(), who.userId, id);
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
                    .header("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                    .header("Cache-Control", "private")
                    .header("Content-Disposition", "attachment; filename=\"" + filename.toLatin1() + '"'));
        }));
    svg.summary = QStringLiteral("Download one variant of an icon as an SVG file");
    m_guard.describe(svg);
}
