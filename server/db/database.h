#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

// Where the database is and how to reach it. Built from POSTGRES_* / DATABASE_URL by ServerConfig.
struct DatabaseSettings
{
    QString host = QStringLiteral("localhost"); // an absolute path means a unix-socket directory
    int port = 5432;
    QString name = QStringLiteral("parametric");
    QString user = QStringLiteral("postgres");
    QString password;
    QString applicationName = QStringLiteral("parametric-server");
    int connectTimeoutSeconds = 2;
    int statementTimeoutMs = 15000;
};

// The worker pool that owns all database work. Each pool thread keeps its own named QPSQL connection
// (QtSql connections may only be used from the thread that opened them) and reopens it after a
// connection loss, so a database restart heals without a process restart.
//
// Never call connection() from the HTTP server's thread: schedule work with run().
class Database
{
public:
    explicit Database(DatabaseSettings settings, int threads = 8);
    ~Database(); // waits for queued work, closes every connection

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseSettings &settings() const { return m_settings; }

    // Runs `work` on a pool thread. Exceptions escaping `work` are logged and swallowed: callers that
    // answer HTTP requests use Controller helpers that catch ApiError/DbError themselves.
    void run(std::function<void()> work);

    // The calling pool thread's connection, opened (or reopened after a failure) on demand.
    // Throws DbError (ServiceUnavailable) when the database cannot be reached.
    QSqlDatabase connection();

    // Marks the calling thread's connection broken so the next connection() reopens it.
    void invalidateConnection();

    // Readiness probe: runs "SELECT 1" on a dedicated health thread (so a saturated pool cannot
    // starve it) and calls `done` (on that thread) with the result. Never blocks the caller.
    void checkHealth(std::function<void(bool ok)> done);

    QThreadPool &pool() { return m_pool; }

private:
    DatabaseSettings m_settings;
    QThreadPool m_pool;
    std::atomic<quint64> m_generation{0};
};
