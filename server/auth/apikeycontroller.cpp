#include "auth/apikeycontroller.h"

#include "api/uuid.h"
#include "auth/apikeyrepository.h"
#include "auth/apikeys.h"
#include "auth/apikeyusage.h"
#include "core/config.h"
#include "core/logging.h"
#include "db/database.h"
#include "http/apierror.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

#include <atomic>

namespace {

constexpr int kNameMaxLength = 100;
constexpr qint64 kSweepAfterDays = 30; // revoked and expired keys are listed/kept this long
constexpr qint64 kSweepIntervalS = 3600;

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

// 1 to 100 characters after trimming, one line, no control characters.
QString keyName(const QJsonObject &body)
{
    const QString field = QStringLiteral("name");
    const QString raw = json::requiredString(body, field, 0, 4 * kNameMaxLength + 64);
    json::rejectControlCharacters(raw, field);
    const QString name = raw.trimmed();
    if (name.isEmpty())
        throw ApiError::validation(field, QStringLiteral("The field 'name' must not be empty."));
    if (name.toUcs4().size() > kNameMaxLength)
        throw ApiError::validation(
            field, QStringLiteral("The field 'name' must be at most %1 characters.").arg(kNameMaxLength));
    return name;
}

// Absent or null: the key never expires. Otherwise an ISO-8601 date and time with a time zone
// (a time without one would depend on the server's zone) strictly after `now`.
QDateTime keyExpiry(const QJsonObject &body, const QDateTime &now)
{
    const QString field = QStringLiteral("expiresAt");
    const std::optional<QString> text = json::optionalString(body, field, 64);
    if (!text)
        return {};
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$"));
    const QDateTime expiresAt =
        iso.match(*text).hasMatch() ? QDateTime::fromString(*text, Qt::ISODateWithMs) : QDateTime();
    if (!expiresAt.isValid())
        throw ApiError::validation(field,
                                   QStringLiteral("The field 'expiresAt' must be an ISO-8601 date and time "
                                                  "with a time zone, e.g. 2030-01-31T00:00:00Z."));
    if (expiresAt <= now)
        throw ApiError::validation(field, QStringLiteral("The field 'expiresAt' must be in the future."));
    return expiresAt.toUTC();
}

Response noStore(Response response)
{
    response.header("Cache-Control", "no-store");
    return response;
}

} // namespace

ApiKeySettings ApiKeySettings::fromConfig(const ServerConfig &config)
{
    ApiKeySettings s;
    s.maxActivePerUser =
        int(config.intValue(QStringLiteral("API_KEYS_MAX_PER_USER"), s.maxActivePerUser, 1, 1000));
    s.usageFlushSeconds =
        int(config.intValue(QStringLiteral("API_KEY_USAGE_FLUSH_S"), s.usageFlushSeconds, 1, 3600));
    return s;
}

struct ApiKeyController::Handlers
{
    Database *database;
    std::shared_ptr<Clock> clock;
    ApiKeySettings settings;
    std::shared_ptr<ApiKeyUsage> usage = std::make_shared<ApiKeyUsage>();
    std::shared_ptr<const ApiKeyAuthenticator> authenticator = std::make_shared<ApiKeyAuthenticator>(usage);
    std::atomic<qint64> lastSweepMs{0}; // flushes may run on several pool threads at once

    QJsonObject toJson(const ApiKeyRow &row) const
    {
        QDateTime lastUsed = row.lastUsedAt;
        const QDateTime pending = usage->pending(row.id);
        if (pending.isValid() && (!lastUsed.isValid() || pending > lastUsed))
            lastUsed = pending;
        return QJsonObject{
            {QStringLiteral("id"), row.id},
            {QStringLiteral("name"), row.name},
            {QStringLiteral("prefix"),
             row.prefix.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row.prefix)},
            {QStringLiteral("createdAt"), timeOrNull(row.createdAt)},
            {QStringLiteral("lastUsedAt"), timeOrNull(lastUsed)},
            {QStringLiteral("expiresAt"), timeOrNull(row.expiresAt)},
            {QStringLiteral("expired"), row.expiresAt.isValid() && row.expiresAt <= clock->now()},
        };
    }

    // Runs on a pool thread: writes the batched uses, and now and then sweeps old keys.
    static void flush(const std::shared_ptr<Handlers> &self)
    {
        try {
            if (!self->usage->isEmpty())
                self->usage->flush(self->database->connection());
            const QDateTime now = self->clock->now();
            qint64 last = self->lastSweepMs.load();
            if (now.toMSecsSinceEpoch() - last >= kSweepIntervalS * 1000 &&
                self->lastSweepMs.compare_exchange_strong(last, now.toMSecsSinceEpoch()))
                ApiKeyRepository::sweep(self->database->connection(), now.addDays(-kSweepAfterDays));
        } catch (const std::exception &) {
            // DbError is logged where it is thrown; the uses stay queued for the next flush.
        }
    }

    void create(const Request &request, const AuthContext &who, Reply reply) const;
    void list(const Request &request, const AuthContext &who, Reply reply) const;
    void revoke(const Request &request, const AuthContext &who, Reply reply) const;
};

ApiKeyController::ApiKeyController(Database &database, const ServerConfig &config, AuthGuard sessionGuard,
                                   std::shared_ptr<Clock> clock)
    : d(std::make_shared<Handlers>())
    , m_guard(std::move(sessionGuard))
{
    d->database = &database;
    d->clock = std::move(clock);
    d->settings = ApiKeySettings::fromConfig(config);
    // A second line of defence: a key that reaches a log line anyway (a key pasted into a URL path)
    // is replaced there.
    logging::registerSecretPattern("pi_", QRegularExpression(QStringLiteral("pi_[A-Za-z0-9_-]{43}")));

    m_flushTimer = std::make_unique<QTimer>();
    m_flushTimer->setInterval(d->settings.usageFlushSeconds * 1000);
    QObject::connect(m_flushTimer.get(), &QTimer::timeout, [this] { flushUsage(); });
    m_flushTimer->start();
}

ApiKeyController::~ApiKeyController()
{
    m_flushTimer.reset();
    flushUsage(); // the Database drains its pool before it closes
}

std::shared_ptr<const ApiKeyAuthenticator> ApiKeyController::authenticator() const
{
    return d->authenticator;
}

void ApiKeyController::flushUsage()
{
    d->database->run([self = d] { Handlers::flush(self); });
}

void ApiKeyController::registerRoutes(Router &router)
{
    const AuthGuard &g = m_guard;
    g.route(router, "POST", QStringLiteral("/api/auth/api-keys"),
            QStringLiteral("Create an API key (the key is in this answer only)"),
            bindHandler(d, &Handlers::create));
    g.route(router, "GET", QStringLiteral("/api/auth/api-keys"),
            QStringLiteral("The caller's API keys (never the keys themselves)"),
            bindHandler(d, &Handlers::list));
    g.route(router, "DELETE", QStringLiteral("/api/auth/api-keys/{id}"),
            QStringLiteral("Revoke one of the caller's API keys"), bindHandler(d, &Handlers::revoke));
}

void ApiKeyController::Handlers::create(const Request &request, const AuthContext &who, Reply reply) const
{
    const QJsonObject body = request.jsonObject();
    const QDateTime now = clock->now();
    const QString name = keyName(body);
    const QDateTime expiresAt = keyExpiry(body, now);
    const apikey::NewKey key = apikey::generate();
    const std::optional<ApiKeyRow> row = ApiKeyRepository::insertWithinCap(database->connection(), who.userId, name, key.hash, key.prefix,
                                                              expiresAt, now, settings.maxActivePerUser);
    if (!row) {
        throw ApiError(409, QStringLiteral("api_key_limit"),
                       QStringLiteral("You already have %1 active API keys, the most allowed. "
                                      "Revoke one you no longer use, then create the new one.")
                           .arg(settings.maxActivePerUser),
                       QStringLiteral("ConflictError"));
    }
    qCInfo(lcAuth).noquote() << "API key" << row->id << "issued to user" << who.userId;
    QJsonObject json = toJson(*row);
    json.insert(QStringLiteral("key"), QString::fromLatin1(key.secret));
    reply.send(noStore(Response::json(json, 201)));
}

void ApiKeyController::Handlers::list(const Request &, const AuthContext &who, Reply reply) const
{
    QJsonArray data;
    for (const ApiKeyRow &row : ApiKeyRepository::listOfUser(database->connection(), who.userId))
        data.append(toJson(row));
    reply.send(noStore(Response::json(QJsonObject{{QStringLiteral("data"), data}})));
}

void ApiKeyController::Handlers::revoke(const Request &request, const AuthContext &who, Reply reply) const
{
    const auto id = api::canonicalUuid(request.param(u"id"));
    if (!id || !ApiKeyRepository::revokeOwned(database->connection(), who.userId, *id, clock->now()))
        throw ApiError::notFound(QStringLiteral("API key"));
    qCInfo(lcAuth).noquote() << "API key" << *id << "revoked by user" << who.userId;
    reply.send(Response::noContent());
}
