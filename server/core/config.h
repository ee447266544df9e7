#pragma once

#include "core/databasesettings.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <stdexcept>

// Invalid configuration: names the variable; parametric-server prints it on one line and exits 2.
class ConfigError : public std::runtime_error
{
public:
    ConfigError(QString variable, QString message);
    const QString &variable() const { return m_variable; }
    const QString &message() const { return m_message; }

private:
    QString m_variable;
    QString m_message;
};

// Server configuration from the environment, overlaid on an optional .env file (the environment
// wins). Domains with their own variables (OAUTH_*, ANTHROPIC_*, GENERATION_*) read them through
// value()/intValue() so every variable is validated the same way.
class ServerConfig
{
public:
    // Throws ConfigError. `envFile` empty → no file; a named file that cannot be read is an error.
    static ServerConfig load(const QProcessEnvironment &environment, const QString &envFile = {});

    QString host = QStringLiteral("127.0.0.1");               // API_HOST
    quint16 port = 4000;                                      // API_PORT (0 = ephemeral)
    QUrl apiBaseUrl{QStringLiteral("http://localhost:4000")}; // API_BASE_URL
    DatabaseSettings database;                                // POSTGRES_* or DATABASE_URL
    bool databaseConfigured = false;                          // any POSTGRES_* or DATABASE_URL given
    QStringList corsOrigins{QStringLiteral("http://localhost:3000"), QStringLiteral("http://localhost:3001")};
    qint64 maxBodyBytes = 1024 * 1024; // API_MAX_BODY_BYTES
    int maxHeaderBytes = 16 * 1024;    // API_MAX_HEADER_BYTES
    int readTimeoutMs = 15000;         // API_READ_TIMEOUT_MS: partial request
    int idleTimeoutMs = 75000;         // API_IDLE_TIMEOUT_MS: keep-alive idle
    int maxConnections = 1024;         // API_MAX_CONNECTIONS
    int shutdownGraceMs = 10000;       // API_SHUTDOWN_GRACE_MS
    int dbThreads = 8;                 // API_DB_THREADS

    // Raw access for domain settings. Empty string counts as unset.
    QString value(const QString &name, const QString &fallback = {}) const;
    bool has(const QString &name) const;
    qint64 intValue(const QString &name, qint64 fallback, qint64 min, qint64 max) const; // throws ConfigError
    void set(const QString &name, const QString &value); // tests and the app's integrated mode

private:
    QHash<QString, QString> m_values;
};
