#pragma once

#include <QString>

// Where the database is and how to reach it: plain data, built from POSTGRES_* / DATABASE_URL by
// ServerConfig. It lives in core (not db) so the configuration knows no SQL; db opens connections
// with it (openConnection() in db/database.h).
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

    // The same settings pointing at another database on the same server (e.g. "postgres").
    DatabaseSettings withName(const QString &databaseName) const;
    // "host:port/name" for logs; never includes the password.
    QString describe() const;
};
