#pragma once

#include "core/databasesettings.h"

#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>
#include <QThreadStorage>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

// Opens a new QPSQL connection named `connectionName` on the calling thread with `settings`
// (connect_timeout, application_name, statement_timeout). The caller owns the name and must
// QSqlDatabase::removeDatabase() it. Returns the handle whether or not open() succeeded.
QSqlDatabase openConnection(const DatabaseSettings &settings, const QString &connectionName,
                            int connectTimeoutSeconds = 0);

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
    // answer HTTP requests answer through Reply::respond(), which turns what they throw into the answer.
    void run(std::function<void()> work);

    // The calling thread's connection, opened (or reopened after a failure) on demand. Works on any
    // thread (tests use it directly); a non-pool thread's connection is closed by ~Database only if
    // it is the destroying thread. Throws DbError (ConnectionLost → 503) when the database cannot be
    // reached.
    QSqlDatabase connection();

    // Marks every connection of this Database stale, so each thread's next connection() reopens it
    // (a connection-class DbError does the same process-wide, see DbError::connectionEpoch()).
    void invalidateConnection();

    // Readiness probe: runs "SELECT 1" on a dedicated health thread (so a saturated pool cannot
    // starve it) and calls `done` (on that thread) with the result within about 1.5 s. Never blocks
    // the caller. Probes arriving while one is queued share its answer.
    void checkHealth(std::function<void(bool ok)> done);

    QThreadPool &pool() { return m_pool; }

private:
    struct Holder;
    struct HealthBatch;
    QSqlDatabase connectionFor(QThreadStorage<Holder *> &storage, const char *role,
                               const DatabaseSettings &settings, bool *fresh = nullptr);
    bool probe();

    DatabaseSettings m_settings;
    DatabaseSettings m_healthSettings; // short timeouts: the probe answers within ~1.5 s
    const quint64 m_id; // distinguishes connection names of several Database objects in one process
    std::atomic<quint64> m_generation{0};
    QThreadStorage<Holder *> m_connections;
    QThreadStorage<Holder *> m_healthConnections;
    std::mutex m_healthMutex;
    std::shared_ptr<HealthBatch> m_queuedHealth; // the probe not yet started, which new checks join
    QThreadPool m_healthPool;
    QThreadPool m_pool; // declared last: destroyed first, so its threads drop their holders while
                        // the storages are still alive
};
