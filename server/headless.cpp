#include "headless.h"

#include "apiserver.h"
#include "auth/authsettings.h"
#include "core/logging.h"
#include "core/memorytrim.h"
#include "core/signalwatcher.h"
#include "db/migrator.h"
#include "db/postgrescluster.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcessEnvironment>

#include <cstdio>
#include <memory>

namespace {

QString help(HeadlessCommandLine::Program program, const char *text)
{
    const QString line = QString::fromUtf8(text);
    if (program == HeadlessCommandLine::Program::Server)
        return line;
    return QStringLiteral("Headless: ") + line.front().toLower() + line.mid(1);
}

} // namespace

HeadlessCommandLine::HeadlessCommandLine(Program program)
    : m_host(QStringLiteral("host"), help(program, "Address to listen on (API_HOST)."),
             QStringLiteral("address"))
    , m_port(QStringLiteral("port"), help(program, "Port to listen on (API_PORT); 0 picks a free one."),
             QStringLiteral("port"))
    , m_envFile(QStringLiteral("env-file"), help(program, "Read variables from this .env file."),
                QStringLiteral("file"))
    , m_secretFile(QStringLiteral("local-login-secret-file"),
                   help(program, "Enable POST /api/auth/local with the secret in this file."),
                   QStringLiteral("file"))
{}

QList<QCommandLineOption> HeadlessCommandLine::options() const
{
    return {m_host, m_port, m_envFile, m_secretFile};
}

QString HeadlessCommandLine::read(const QCommandLineParser &parser, HeadlessOptions &options) const
{
    options.envFile = parser.value(m_envFile);
    options.host = parser.value(m_host);
    if (parser.isSet(m_port)) {
        bool ok = false;
        options.port = parser.value(m_port).toInt(&ok);
        if (!ok || options.port < 0 || options.port > 65535)
            return QStringLiteral("--port: must be an integer from 0 to 65535");
    }
    if (parser.isSet(m_secretFile)) {
        try {
            options.localLoginSecret = readLocalLoginSecretFile(parser.value(m_secretFile));
        } catch (const ConfigError &e) {
            return QString::fromUtf8(e.what()); // names the option
        }
    }
    return {};
}

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
