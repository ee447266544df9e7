#include "db/sqlquery.h"

#include "core/logging.h"
#include "db/dberror.h"

#include <QSqlError>
#include <QSqlRecord>

namespace {

// One slot per connection a thread has registered (a pool thread has one; a test thread a few).
// Trivially destructible on purpose: it may be read while thread-exit destructors run.
constexpr int kSlots = 16;
thread_local StatementCache *t_caches[kSlots] = {};

} // namespace

StatementCache::StatementCache(QString connectionName)
    : m_connectionName(std::move(connectionName))
{
    for (auto &slot : t_caches) {
        if (!slot) {
            slot = this;
            return;
        }
    }
    qCWarning(lcDb) << "statement cache: too many connections on one thread; not caching" << m_connectionName;
}

StatementCache::~StatementCache()
{
    clear();
    for (auto &slot : t_caches) {
        if (slot == this)
            slot = nullptr;
    }
}

void StatementCache::clear()
{
    // Entries still in use (a SqlQuery alive during a reopen) keep their own reference and die with it.
    m_entries.clear();
}

StatementCache *StatementCache::forConnection(const QString &connectionName)
{
    for (StatementCache *cache : t_caches) {
        if (cache && cache->m_connectionName == connectionName)
            return cache;
    }
    return nullptr;
}

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql, const char *context)
    : m_db(db)
    , m_context(context ? context : "query")
    , m_sql(sql)
{
    StatementCache *cache = StatementCache::forConnection(db.connectionName());
    if (cache) {
        auto it = cache->m_entries.constFind(sql);
        if (it != cache->m_entries.cend() && !(*it)->inUse) {
            m_cached = *it;
            m_cached->inUse = true;
            m_query = &m_cached->query;
            return;
        }
    }

    std::shared_ptr<StatementCache::Entry> entry;
    if (cache && !cache->m_entries.contains(sql) && cache->m_entries.size() < StatementCache::kMaxEntries) {
        entry = std::make_shared<StatementCache::Entry>(db);
        m_query = &entry->query;
    } else {
        m_own.emplace(db);
        m_query = &*m_own;
    }
    m_query->setForwardOnly(true);
    m_query->setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!m_query->prepare(sql)) {
        qCWarning(lcDb).noquote() << m_context << "prepare failed for:" << sql.simplified();
        throwSqlError(db, m_query->lastError(), m_context);
    }
    if (entry) {
        entry->inUse = true;
        m_cached = entry;
        cache->m_entries.insert(sql, entry);
    }
}

SqlQuery::~SqlQuery()
{
    if (m_cached) {
        m_cached->query.finish();
        m_cached->inUse = false;
    }
}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    m_query->bindValue(
        placeholder.startsWith(QLatin1Char(':')) ? placeholder : QLatin1Char(':') + placeholder, value);
    return *this;
}

SqlQuery &SqlQuery::bind(std::initializer_list<std::pair<const char *, QVariant>> values)
{
    for (const auto &[placeholder, value] : values)
        bind(QString::fromLatin1(placeholder), value);
    return *this;
}

SqlQuery &SqlQuery::exec()
{
    if (m_query->exec()) {
        m_record = m_query->record();
        return *this;
    }
    const QSqlError error = m_query->lastError();
    const QString state = error.nativeErrorCode();
    // 26000: the prepared statement vanished (DISCARD ALL); 0A000: "cached plan must not change
    // result type" after DDL. Either way this cached statement is useless now.
    if (m_cached && (state == QLatin1String("26000") || state == QLatin1String("0A000"))) {
        if (StatementCache *cache = StatementCache::forConnection(m_db.connectionName()))
            cache->m_entries.remove(m_sql);
    }
    throwSqlError(m_db, error, m_context);
}

bool SqlQuery::next()
{
    return m_query->next();
}

QVariant SqlQuery::value(const QString &column) const
{
    const int index = m_record.indexOf(column);
    if (index < 0) {
        qCCritical(lcDb).noquote() << m_context << "no column" << column << "in result";
        // A bug of the query, not of the data: answered 500 like any unexpected database failure.
        throw DbError(DbError::Kind::Other, QString(), QString(), QString::fromUtf8(m_context));
    }
    return m_query->value(index);
}

QDateTime SqlQuery::time(int index) const
{
    const QVariant v = value(index);
    return v.isNull() ? QDateTime() : v.toDateTime().toUTC();
}

QVariant SqlQuery::value(int index) const
{
    return m_query->value(index);
}

bool SqlQuery::isNull(const QString &column) const
{
    return value(column).isNull();
}

int SqlQuery::numRowsAffected() const
{
    return m_query->numRowsAffected();
}

int SqlQuery::size() const
{
    return m_query->size();
}

void SqlQuery::execute(const QSqlDatabase &db, const QString &sql, const char *context)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        throwSqlError(db, query.lastError(), context ? context : "execute");
}

QVariant nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}
