#include "db/database.h"

#include "core/logging.h"
#include "db/dberror.h"
#include "db/sqlquery.h"

#include <QAbstractEventDispatcher>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <vector>

namespace {

constexpr int kHealthDeadlineMs = 1500;
constexpr int kHealthStatementTimeoutMs = 1000;

std::atomic<quint64> g_nextDatabaseId{1};

// A value for a libpq conninfo string: single-quoted, with \ and ' escaped. QPSQL turns ';' into
// the separator, so it cannot appear in a value at all.
QString conninfoValue(QString value)
{
    value.remove(QLatin1Char(';'));
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

QSqlDatabase openConnection(const DatabaseSettings &settings, const QString &connectionName,
                            int connectTimeout)
{
    QSqlDatabase db = QSqlDatabase::contains(connectionName)
                          ? QSqlDatabase::database(connectionName, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    if (db.isOpen())
        db.close();
    db.setHostName(settings.host);
    db.setPort(settings.port);
    db.setDatabaseName(settings.name);
    db.setUserName(settings.user);
    db.setPassword(settings.password);
    const int timeout = connectTimeout > 0 ? connectTimeout : settings.connectTimeoutSeconds;
    QStringList options{
        QStringLiteral("connect_timeout=%1").arg(qMax(1, timeout)),
        QStringLiteral("application_name=%1").arg(conninfoValue(settings.applicationName)),
    };
    if (settings.statementTimeoutMs > 0) {
        // A forgotten open transaction must not hold locks forever either.
        options << QStringLiteral("options=%1")
                       .arg(conninfoValue(
                           QStringLiteral("-c statement_timeout=%1 -c idle_in_transaction_session_timeout=%2")
                               .arg(settings.statementTimeoutMs)
                               .arg(qMax(60000, settings.statementTimeoutMs * 4))));
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));
    db.open();
    return db;
}

// One per thread and Database: the connection's name and what it was opened against.
struct Database::Holder
{
    QString name;
    quint64 generation = 0;
    quint64 epoch = 0;
    std::unique_ptr<StatementCache> cache;

    ~Holder()
    {
        cache.reset(); // queries first, or removeDatabase warns that the connection is in use
        if (QSqlDatabase::contains(name)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
};

struct Database::HealthBatch
{
    std::mutex mutex;
    bool finished = false;
    std::vector<std::function<void(bool)>> callbacks;

    // False when the batch already answered (its deadline passed while it waited behind a hung
    // probe): the caller then needs a new batch.
    bool add(std::function<void(bool)> &done)
    {
        std::lock_guard lock(mutex);
        if (finished)
            return false;
        callbacks.push_back(std::move(done));
        return true;
    }

    // The first of probe result and deadline wins; the loser finds nothing left to call.
    void finish(bool ok)
    {
        std::vector<std::function<void(bool)>> toCall;
        {
            std::lock_guard lock(mutex);
            if (finished)
                return;
            finished = true;
            toCall.swap(callbacks);
        }
        for (auto &callback : toCall)
            callback(ok);
    }
};

Database::Database(DatabaseSettings settings, int threads)
    : m_settings(std::move(settings))
    , m_healthSettings(m_settings)
    , m_id(g_nextDatabaseId.fetch_add(1))
{
    // libpq rounds connect_timeout up to 2 s; a refused or missing socket fails at once anyway.
    m_healthSettings.connectTimeoutSeconds = 1;
    m_healthSettings.statementTimeoutMs = kHealthStatementTimeoutMs;
    m_healthSettings.applicationName = m_settings.applicationName + QStringLiteral(" health");
    // Persistent threads: a thread that expired would take its open connection with it.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setObjectName(QStringLiteral("database"));
    m_healthPool.setExpiryTimeout(-1);
    m_healthPool.setMaxThreadCount(1);
    m_healthPool.setObjectName(QStringLiteral("database-health"));
}

Database::~Database()
{
    m_pool.waitForDone();
    m_healthPool.waitForDone();
    // Pool threads drop their holders when the pools join them; the destroying thread's own
    // connections (tests, migrations run inline) are closed here.
    if (m_connections.hasLocalData())
        m_connections.setLocalData(nullptr);
    if (m_healthConnections.hasLocalData())
        m_healthConnections.setLocalData(nullptr);
}

void Database::run(std::function<void()> work)
{
    m_pool.start([work = std::move(work)] {
        try {
            work();
        } catch (const std::exception &e) {
            qCCritical(lcDb) << "unhandled exception in database work:" << e.what();
        } catch (...) {
            qCCritical(lcDb) << "unhandled non-standard exception in database work";
        }
    });
}

QSqlDatabase Database::connectionFor(QThreadStorage<Holder *> &storage, const char *role,
                                     const DatabaseSettings &settings, bool *fresh)
{
    if (fresh)
        *fresh = false;
    Holder *holder = storage.hasLocalData() ? storage.localData() : nullptr;
    if (!holder) {
        holder = new Holder;
        holder->name = QStringLiteral("parametric-%1-%2-%3")
                           .arg(QLatin1String(role))
                           .arg(m_id)
                           .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
        storage.setLocalData(holder);
    }

    const quint64 generation = m_generation.load();
    const quint64 epoch = DbError::connectionEpoch();
    if (QSqlDatabase::contains(holder->name)) {
        QSqlDatabase db = QSqlDatabase::database(holder->name, false);
        if (db.isOpen() && holder->generation == generation && holder->epoch == epoch)
            return db;
    }

    // (Re)open. Statements prepared on the old connection are gone with it.
    if (holder->cache)
        holder->cache->clear();
    holder->generation = generation;
    holder->epoch = epoch;
    QSqlDatabase db = openConnection(settings, holder->name);
    if (!db.isOpen()) {
        const QSqlError error = db.lastError();
        qCWarning(lcDb).noquote() << "cannot connect to" << settings.describe() << "-"
                                  << error.text().simplified();
        throwSqlError(error, "connect", false);
    }
    if (!holder->cache)
        holder->cache = std::make_unique<StatementCache>(holder->name);
    if (fresh)
        *fresh = true;
    return db;
}

QSqlDatabase Database::connection()
{
    return connectionFor(m_connections, "db", m_settings);
}

void Database::invalidateConnection()
{
    m_generation.fetch_add(1);
}

bool Database::probe()
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fresh = false;
        QSqlDatabase db;
        try {
            db = connectionFor(m_healthConnections, "health", m_healthSettings, &fresh);
        } catch (const DbError &) {
            return false;
        }
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (query.exec(QStringLiteral("SELECT 1")) && query.next())
            return true;
        const QSqlError error = query.lastError();
        const auto kind = DbError::classify(error, db.isOpen());
        qCInfo(lcDb).noquote() << "health probe failed:" << error.text().simplified();
        if (kind != DbError::Kind::ConnectionLost)
            return false;
        DbError::noteConnectionLoss();
        // A connection that sat idle across a server restart fails once: retry on a fresh one.
        if (fresh)
            return false;
    }
    return false;
}

void Database::checkHealth(std::function<void(bool ok)> done)
{
    std::shared_ptr<HealthBatch> batch;
    bool startProbe = false;
    {
        std::lock_guard lock(m_healthMutex);
        if (!m_queuedHealth || !m_queuedHealth->add(done)) {
            m_queuedHealth = std::make_shared<HealthBatch>();
            m_queuedHealth->add(done);
            startProbe = true;
        }
        batch = m_queuedHealth;
    }

    if (!startProbe)
        return; // joined a queued probe, whose deadline (set when it was queued) covers this call too

    // The deadline needs an event loop on the calling thread (the HTTP server's). Without one the
    // probe's own timeouts bound the wait (connect_timeout, statement_timeout). One timer per probe,
    // not per call, so a flood of readiness requests does not pile up timers.
    if (QThread::currentThread()->eventDispatcher())
        QTimer::singleShot(kHealthDeadlineMs, [batch] { batch->finish(false); });

    m_healthPool.start([this, batch] {
        {
            std::lock_guard lock(m_healthMutex);
            if (m_queuedHealth == batch)
                m_queuedHealth.reset();
        }
        batch->finish(probe());
    });
}
