#include "headless.h"

#include "apiserver.h"
#include "core/logging.h"
#include "core/memorytrim.h"
#include "core/signalwatcher.h"
#include "db/migrator.h"
#include "db/postgrescluster.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcessEnvironment>

#include <cstdio>
#include <memory>

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "parametric-server: %s\n", qPrintable(message));
}

// The configuration as the process sees it, with command-line overrides applied. Throws ConfigError.
ServerConfig loadConfig(const HeadlessOptions &options)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!options.host.isEmpty())
        env.insert(QStringLiteral("API_HOST"), options.host);
    if (options.port >= 0)
        env.insert(QStringLiteral("API_PORT"), QString::number(options.port));
    return ServerConfig::load(env, options.envFile);
}

std::unique_ptr<PostgresCluster> startPrivateCluster(const QString &dir, ServerConfig &config, QString *error)
{
    PostgresCluster::Options clusterOptions;
    clusterOptions.rootDir = dir;
    auto cluster = std::make_unique<PostgresCluster>(clusterOptions);
    if (!cluster->start(error))
        return nullptr;
    config.database = cluster->settings(QStringLiteral("parametric"));
    config.databaseConfigured = true;
    qCInfo(lcServer).noquote() << "private PostgreSQL cluster running in" << dir;
    return cluster;
}

// Configuration plus, when asked, the private cluster it points at. Returns 0, or the exit code.
int prepare(const HeadlessOptions &options, ServerConfig *config, std::unique_ptr<PostgresCluster> *cluster)
{
    try {
        *config = loadConfig(options);
    } catch (const ConfigError &e) {
        printError(QString::fromUtf8(e.what()));
        return 2;
    }
    if (!options.privateClusterDir.isEmpty()) {
        QString error;
        *cluster = startPrivateCluster(options.privateClusterDir, *config, &error);
        if (!*cluster) {
            printError(error);
            return 1;
        }
    }
    return 0;
}

} // namespace

namespace {
constexpr int kReleaseMemoryIntervalMs = 10000;
} // namespace

int runHeadlessServer(const HeadlessOptions &options)
{
    MemoryTrimmer::boundAllocatorRetention();
    ServerConfig config;
    std::unique_ptr<PostgresCluster> cluster;
    if (const int code = prepare(options, &config, &cluster))
        return code;

    ApiServer::Options serverOptions;
    serverOptions.localLoginSecret = options.localLoginSecret;
    std::unique_ptr<ApiServer> server;
    try {
        server = std::make_unique<ApiServer>(config, serverOptions);
    } catch (const ConfigError &e) {
        printError(QString::fromUtf8(e.what()));
        return 2;
    }
    QString error;
    if (!server->start(&error)) {
        printError(error);
        return 1;
    }

    // What a burst of requests left free in the allocator goes back to the system within seconds.
    const MemoryTrimmer trimmer(kReleaseMemoryIntervalMs);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, server.get(), [&](int signal) {
        qCInfo(lcServer) << "signal" << signal << "received";
        server->shutdown(config.shutdownGraceMs, [] { QCoreApplication::exit(0); });
    });
    const int code = QCoreApplication::exec();
    server.reset();
    if (cluster) {
        QString stopError;
        if (!cluster->stop(&stopError))
            printError(stopError);
    }
    qCInfo(lcServer) << "stopped";
    return code;
}

int runMigrations(const HeadlessOptions &options)
{
    ServerConfig config;
    std::unique_ptr<PostgresCluster> cluster;
    if (const int code = prepare(options, &config, &cluster))
        return code;
    try {
        try {
            Migrator::ensureDatabaseExists(config.database);
        } catch (const std::exception &) {
            // Without CREATEDB rights the database must already exist; migrate() reports it if not.
        }
        const Migrator::Result result = Migrator().migrate(config.database);
        std::printf("applied %lld migration(s), %lld already present\n", qint64(result.applied.size()),
                    qint64(result.skipped.size()));
        return 0;
    } catch (const std::exception &e) {
        printError(QStringLiteral("migration failed: %1").arg(QString::fromUtf8(e.what())));
        return 1;
    }
}
