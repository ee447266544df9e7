#pragma once

#include "db/database.h"
#include "db/postgrescluster.h"

#include <QString>

#include <memory>

// One throwaway PostgreSQL cluster per test process, started on first use (fsync off, private unix
// socket, as the `postgres` user when running as root) and stopped and deleted when the process
// exits — normally, after a failed test, or (through a watchdog shell) even after a crash or
// SIGKILL. Leftovers of processes that died anyway are removed by the next test process.
//
//   const DatabaseSettings db = TestPostgres::instance().createFreshDatabase("auth");
//
// Throws std::runtime_error with PostgreSQL's reason when the cluster cannot start, and DbError /
// MigrationError from createFreshDatabase(); QtTest reports an escaping exception as a failure.
class TestPostgres
{
public:
    static TestPostgres &instance();

    // A new database (unique name derived from `name`) with every migration of `migrationsDir`
    // applied (default: the set compiled into the server). Use one per test suite.
    DatabaseSettings createFreshDatabase(const QString &name,
                                         const QString &migrationsDir = QStringLiteral(":/migrations"));
    // A new database without any migration (for migration tests).
    DatabaseSettings createEmptyDatabase(const QString &name);

    // The cluster's maintenance database ("postgres").
    DatabaseSettings maintenanceSettings() const;

    // Simulate an outage: stop() shuts the server down (fast mode), start() brings the same cluster
    // back on the same socket, so existing DatabaseSettings keep working.
    bool stop(QString *error = nullptr);
    bool start(QString *error = nullptr);

    PostgresCluster &cluster() { return *m_cluster; }

    ~TestPostgres();

private:
    TestPostgres();
    void shutdown();
    static void removeStaleClusters();
    void startWatchdog();

    QString m_root;
    std::unique_ptr<PostgresCluster> m_cluster;
    int m_counter = 0;
};
