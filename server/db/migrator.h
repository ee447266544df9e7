#pragma once

#include "db/database.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <stdexcept>

// A migration set that cannot be applied: bad file names, a duplicate version, an applied migration
// whose file changed, a database newer than this binary. The message names the file and the fix.
class MigrationError : public std::runtime_error
{
public:
    explicit MigrationError(const QString &message);
    QString message() const { return QString::fromUtf8(what()); }
};

// Applies migrations/NNNN_name.sql in numeric order. Each file runs in its own transaction together
// with its row in schema_migrations (version, name, checksum = sha256 of the file, applied_at), all
// under a session advisory lock, so several processes or threads starting at once apply each
// migration exactly once. Applied migrations are skipped; one whose file changed is an error
// (write a new migration instead). A file may hold many statements (see splitStatements), but not
// statements that refuse to run in a transaction (CREATE INDEX CONCURRENTLY, VACUUM).
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;     // "initial" for 0001_initial.sql
        QString fileName; // "0001_initial.sql"
        QByteArray sql;
        QString checksum; // lowercase hex sha256 of the file's bytes
    };

    struct Applied
    {
        int version = 0;
        QString name;
        QString checksum;
        QDateTime appliedAt;
    };

    struct Result
    {
        QList<int> applied; // versions applied by this run
        QList<int> skipped; // versions that were already there
    };

    static constexpr qint64 kAdvisoryLockKey = 0x7061726d6d696772; // "parmmigr"

    // `directory` holds the NNNN_name.sql files; the default is the set compiled into the server.
    explicit Migrator(QString directory = QStringLiteral(":/migrations"));

    const QString &directory() const { return m_directory; }

    // The files, sorted by version. Throws MigrationError.
    QList<Migration> migrations() const;

    // Applies what is missing on `db` (an open connection, used from the calling thread only).
    // Throws MigrationError, or DbError when the database fails.
    Result migrate(QSqlDatabase db) const;
    // Opens its own connection with `settings` on the calling thread, migrates and closes it.
    Result migrate(const DatabaseSettings &settings) const;

    // What schema_migrations says, sorted by version (empty if the table does not exist).
    static QList<Applied> applied(QSqlDatabase db);

    // Splits a migration into statements at top-level ';', respecting quotes ('…', "…", E'…'),
    // dollar quoting ($$…$$, $tag$…$tag$) and comments (--, nested /* */). Empty statements are
    // dropped. Each statement then runs on its own, so an error is reported for the statement that
    // failed (QPSQL reports only the first result of a multi-statement string).
    static QStringList splitStatements(const QString &sql);

    // Connects to the server's "postgres" maintenance database and creates `settings.name` if it
    // does not exist (safe when several callers race). Throws DbError.
    static void ensureDatabaseExists(const DatabaseSettings &settings);

private:
    QString m_directory;
};
