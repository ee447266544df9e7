#include "core/config.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

// Parses a dotenv file: KEY=VALUE lines, optional "export ", # comments, single quotes (literal)
// and double quotes (with \n, \" and \\ escapes).
QHash<QString, QString> parseEnvFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw ConfigError(QStringLiteral("--env-file"),
                          QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QHash<QString, QString> values;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const int eq = line.indexOf(u'=');
        const QString key = line.left(eq).trimmed();
        if (eq <= 0 || !keyPattern.match(key).hasMatch())
            throw ConfigError(QStringLiteral("--env-file"),
                              QStringLiteral("%1 line %2 is not KEY=VALUE").arg(path).arg(lineNumber));
        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\'')) {
            value = value.mid(1, value.size() - 2);
        } else if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"')) {
            QString raw = value.mid(1, value.size() - 2);
            value.clear();
            for (int i = 0; i < raw.size(); ++i) {
                if (raw.at(i) == u'\\' && i + 1 < raw.size()) {
                    const QChar next = raw.at(++i);
                    value += next == u'n' ? QChar(u'\n') : next;
                } else {
                    value += raw.at(i);
                }
            }
        } else {
            const int comment = value.indexOf(QLatin1String(" #"));
            if (comment >= 0)
                value = value.left(comment).trimmed();
        }
        values.insert(key, value);
    }
    return values;
}

QUrl parseHttpUrl(const QString &name, const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        throw ConfigError(
            name, QStringLiteral("must be an http(s) URL like http://localhost:4000, got \"%1\"").arg(text));
    return url;
}

} // namespace

ConfigError::ConfigError(QString variable, QString message)
    : std::runtime_error((variable + QStringLiteral(": ") + message).toStdString())
    , m_variable(std::move(variable))
    , m_message(std::move(message))
{}

ServerConfig ServerConfig::load(const QProcessEnvironment &environment, const QString &envFile)
{
    ServerConfig config;
    if (!envFile.isEmpty())
        config.m_values = parseEnvFile(envFile);
    for (const QString &key : environment.keys())
        config.m_values.insert(key, environment.value(key));

    config.port = quint16(config.intValue(QStringLiteral("API_PORT"), 4000, 0, 65535));
    const QString host = config.value(QStringLiteral("API_HOST"), QStringLiteral("127.0.0.1"));
    if (host != QLatin1String("localhost") && QHostAddress(host).isNull())
        throw ConfigError(QStringLiteral("API_HOST"),
                          QStringLiteral("must be an IP address or localhost, got \"%1\"").arg(host));
    config.host = host;
    if (config.has(QStringLiteral("API_BASE_URL")))
        config.apiBaseUrl =
            parseHttpUrl(QStringLiteral("API_BASE_URL"), config.value(QStringLiteral("API_BASE_URL")));

    if (config.has(QStringLiteral("CORS_ORIGINS"))) {
        config.corsOrigins.clear();
        const QStringList origins =
            config.value(QStringLiteral("CORS_ORIGINS")).split(u',', Qt::SkipEmptyParts);
        for (QString origin : origins) {
            origin = origin.trimmed();
            if (origin != QLatin1String("*")) {
                const QUrl url = parseHttpUrl(QStringLiteral("CORS_ORIGINS"), origin);
                if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
                    throw ConfigError(QStringLiteral("CORS_ORIGINS"),
                                      QStringLiteral("an origin has no path: \"%1\"").arg(origin));
                origin = url.adjusted(QUrl::RemovePath).toString();
            }
            config.corsOrigins.append(origin);
        }
    }
    config.maxBodyBytes =
        config.intValue(QStringLiteral("API_MAX_BODY_BYTES"), config.maxBodyBytes, 1024, qint64(1) << 30);
    config.maxHeaderBytes =
        int(config.intValue(QStringLiteral("API_MAX_HEADER_BYTES"), config.maxHeaderBytes, 1024, 1 << 20));
    config.readTimeoutMs =
        int(config.intValue(QStringLiteral("API_READ_TIMEOUT_MS"), config.readTimeoutMs, 100, 600000));
    config.idleTimeoutMs =
        int(config.intValue(QStringLiteral("API_IDLE_TIMEOUT_MS"), config.idleTimeoutMs, 100, 3600000));
    config.maxConnections =
        int(config.intValue(QStringLiteral("API_MAX_CONNECTIONS"), config.maxConnections, 1, 100000));
    config.shutdownGraceMs =
        int(config.intValue(QStringLiteral("API_SHUTDOWN_GRACE_MS"), config.shutdownGraceMs, 0, 600000));
    config.dbThreads = int(config.intValue(QStringLiteral("API_DB_THREADS"), config.dbThreads, 1, 64));

    // Database: DATABASE_URL wins over the POSTGRES_* variables.
    DatabaseSettings &db = config.database;
    const QStringList pgVariables{QStringLiteral("POSTGRES_HOST"), QStringLiteral("POSTGRES_PORT"),
                                  QStringLiteral("POSTGRES_DB"), QStringLiteral("POSTGRES_USER"),
                                  QStringLiteral("POSTGRES_PASSWORD")};
    for (const QString &name : pgVariables)
        config.databaseConfigured = config.databaseConfigured || config.has(name);
    db.host = config.value(QStringLiteral("POSTGRES_HOST"), db.host);
    db.port = int(config.intValue(QStringLiteral("POSTGRES_PORT"), db.port, 1, 65535));
    db.name = config.value(QStringLiteral("POSTGRES_DB"), db.name);
    db.user = config.value(QStringLiteral("POSTGRES_USER"), db.user);
    db.password = config.value(QStringLiteral("POSTGRES_PASSWORD"));
    if (config.has(QStringLiteral("DATABASE_URL"))) {
        const QString text = config.value(QStringLiteral("DATABASE_URL"));
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("postgres") && url.scheme() != QLatin1String("postgresql")))
            throw ConfigError(QStringLiteral("DATABASE_URL"),
                              QStringLiteral("must look like postgres://user:password@host:5432/database"));
        const QUrlQuery query(url);
        const QString socketDir = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
        if (url.host().isEmpty() && socketDir.isEmpty())
            throw ConfigError(QStringLiteral("DATABASE_URL"), QStringLiteral("names no host"));
        const QString name = url.path(QUrl::FullyDecoded).mid(1);
        if (name.isEmpty() || name.contains(u'/'))
            throw ConfigError(QStringLiteral("DATABASE_URL"),
                              QStringLiteral("names no database (…/database)"));
        db.host = socketDir.isEmpty() ? url.host() : socketDir;
        db.port = url.port(5432);
        db.name = name;
        if (!url.userName().isEmpty())
            db.user = url.userName(QUrl::FullyDecoded);
        db.password = url.password(QUrl::FullyDecoded);
        config.databaseConfigured = true;
    }
    return config;
}

QString ServerConfig::value(const QString &name, const QString &fallback) const
{
    const QString v = m_values.value(name);
    return v.isEmpty() ? fallback : v;
}

bool ServerConfig::has(const QString &name) const
{
    return !m_values.value(name).isEmpty();
}

qint64 ServerConfig::intValue(const QString &name, qint64 fallback, qint64 min, qint64 max) const
{
    if (!has(name))
        return fallback;
    const QString text = m_values.value(name).trimmed();
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        throw ConfigError(
            name, QStringLiteral("must be an integer from %1 to %2, got \"%3\"").arg(min).arg(max).arg(text));
    return v;
}

void ServerConfig::set(const QString &name, const QString &value)
{
    m_values.insert(name, value);
}
