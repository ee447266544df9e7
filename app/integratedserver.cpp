#include "integratedserver.h"
#include "applogging.h"

#include <QLoggingCategory>

ServerConfig integratedServerConfig(const QProcessEnvironment &environment, const DatabaseSettings &database,
                                    const QString &host, quint16 port, const QString &anthropicKey)
{
    ServerConfig config;
    try {
        config = ServerConfig::load(environment);
    } catch (const ConfigError &e) {
        // A broken variable meant for parametric-server must not block the desktop app.
        qCWarning(lcBackend).noquote() << "ignoring the environment's server configuration:" << e.what();
        config = ServerConfig();
    }
    config.host = host;
    config.port = port;
    config.database = database;
    config.database.applicationName = QStringLiteral("parametric-icons");
    config.databaseConfigured = true;
    config.dbThreads = 4;
    if (!anthropicKey.isEmpty()) {
        config.set(QStringLiteral("ANTHROPIC_API_KEY"), anthropicKey);
        config.set(QStringLiteral("ICON_GENERATOR"), QStringLiteral("anthropic"));
    } else if (config.value(QStringLiteral("ANTHROPIC_API_KEY")).isEmpty()) {
        config.set(QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin"));
    }
    return config;
}
