#pragma once

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

// Prepared statements kept per connection so a hot query is parsed once per connection instead of
// PREPARE + EXECUTE + DEALLOCATE on every call. Owned by Database's per-thread connection holder and
// registered for the calling thread; SqlQuery uses it only for connections that registered one, so a
// plain QSqlDatabase (migrator, tests) is never cached against a connection that may be reopened.
class StatementCache
{
public:
    explicit StatementCache(QString connectionName);
    ~StatementCache(); // unregisters and finishes every statement

    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    const QString &connectionName() const { return m_connectionName; }
    void clear(); // call before the connection is closed or reopened

    // The cache registered for `connectionName` on the calling thread, or nullptr.
    static StatementCache *forConnection(const QString &connectionName);

private:
    friend class SqlQuery;
    struct Entry
    {
        explicit Entry(const QSqlDatabase &db)
            : query(db)
        {}
        QSqlQuery query;
        bool inUse = false;
    };
    static constexpr int kMaxEntries = 256;

    QString m_connectionName;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
};

// A prepared statement with checked errors. Every failure throws DbError (see dberror.h), already
// logged with `context` and mapped to 409/503/500; nothing about the SQL reaches a client.
//
//   SqlQuery q(db, "SELECT id, email FROM users WHERE id = :id::uuid", "users.findById");
//   q.bind(":id", id).exec();
//   if (q.next()) email = q.value("email").toString();
//
// A QString parameter that is NULL in SQL when empty (optional text columns).
QVariant nullIfEmpty(const QString &value);

// Cast parameters whose type PostgreSQL cannot infer (`:x::text`), or prepare() fails.
// Forward-only; numeric columns come back as QString (HighPrecision) so money never turns into a double.
class SqlQuery
{
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql, const char *context = nullptr);
    ~SqlQuery();

    SqlQuery(const SqlQuery &) = delete;
    SqlQuery &operator=(const SqlQuery &) = delete;

    SqlQuery &bind(const QString &placeholder, const QVariant &value); // ":name" or "name"
    // Several at once: q.bind({{":user", userId}, {":now", now}}).exec();
    SqlQuery &bind(std::initializer_list<std::pair<const char *, QVariant>> values);
    SqlQuery &exec();

    bool next();
    QVariant value(const QString &column) const;
    QVariant value(int index) const;
    bool isNull(const QString &column) const;
    QString text(int index) const { return value(index).toString(); }
    // The column as UTC, or an invalid QDateTime for NULL.
    QDateTime time(int index) const;
    // The next row read by `read` (const SqlQuery & → T), or nullopt when there is none.
    template<typename Read>
    auto single(Read read) -> std::optional<decltype(read(std::declval<const SqlQuery &>()))>
    {
        if (!next())
            return std::nullopt;
        return read(*this);
    }
    int numRowsAffected() const;
    int size() const;

    QSqlQuery &query() { return *m_query; }

    // Runs SQL without parameters through the simple-query protocol: several statements separated
    // by ';' are allowed (migrations, SET, DDL). Throws DbError.
    static void execute(const QSqlDatabase &db, const QString &sql, const char *context = nullptr);

private:
    QSqlDatabase m_db;
    QSqlRecord m_record; // columns of the current result, for value(name)
    const char *m_context;
    std::shared_ptr<StatementCache::Entry> m_cached;
    std::optional<QSqlQuery> m_own;
    QSqlQuery *m_query = nullptr;
    QString m_sql;
};
