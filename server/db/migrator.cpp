#include "db/migrator.h"

#include "core/logging.h"
#include "db/dberror.h"
#include "db/sqlquery.h"
#include "db/transaction.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <algorithm>

MigrationError::MigrationError(const QString &message)
    : std::runtime_error(message.toStdString())
{}

namespace {

const QString kCreateTable = QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                            " version integer PRIMARY KEY CHECK (version > 0),"
                                            " name text NOT NULL,"
                                            " checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),"
                                            " applied_at timestamptz NOT NULL DEFAULT now())");

// Holds the migration lock for the session; released on every path, or by the server when the
// connection dies.
class AdvisoryLock
{
public:
    explicit AdvisoryLock(QSqlDatabase db)
        : m_db(std::move(db))
    {
        // Waiting for another migrator can take longer than the pool's statement_timeout.
        SqlQuery::execute(m_db, QStringLiteral("SET statement_timeout = 0"), "migrate.timeout");
        SqlQuery lock(m_db, QStringLiteral("SELECT pg_advisory_lock(:key::bigint)"), "migrate.lock");
        lock.bind(QStringLiteral(":key"), Migrator::kAdvisoryLockKey).exec();
    }
    ~AdvisoryLock()
    {
        if (!m_db.isOpen())
            return;
        QSqlQuery unlock(m_db);
        unlock.prepare(QStringLiteral("SELECT pg_advisory_unlock(:key::bigint)"));
        unlock.bindValue(QStringLiteral(":key"), Migrator::kAdvisoryLockKey);
        if (!unlock.exec())
            qCWarning(lcDb).noquote()
                << "releasing the migration lock failed:" << unlock.lastError().text().simplified();
        QSqlQuery reset(m_db);
        reset.exec(QStringLiteral("RESET statement_timeout"));
    }
    AdvisoryLock(const AdvisoryLock &) = delete;
    AdvisoryLock &operator=(const AdvisoryLock &) = delete;

private:
    QSqlDatabase m_db;
};

QString quoteIdentifier(const QString &identifier)
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool tableExists(const QSqlDatabase &db)
{
    SqlQuery exists(db, QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL"),
                    "migrate.exists");
    exists.exec();
    return exists.next() && exists.value(0).toBool();
}

} // namespace

QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    const qsizetype n = sql.size();
    auto flush = [&] {
        const QString trimmed = current.trimmed();
        if (!trimmed.isEmpty())
            statements << trimmed;
        current.clear();
    };
    static const QRegularExpression dollarTag(QStringLiteral("\\G\\$([A-Za-z_][A-Za-z0-9_]*)?\\$"));
    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql[i];
        const QChar next = i + 1 < n ? sql[i + 1] : QChar();
        if (c == u'-' && next == u'-') { // line comment
            const qsizetype end = sql.indexOf(u'\n', i);
            const qsizetype stop = end < 0 ? n : end;
            current += sql.mid(i, stop - i);
            i = stop;
        } else if (c == u'/' && next == u'*') { // block comment, nestable in PostgreSQL
            int depth = 0;
            qsizetype j = i;
            while (j < n) {
                if (sql[j] == u'/' && j + 1 < n && sql[j + 1] == u'*') {
                    ++depth;
                    j += 2;
                } else if (sql[j] == u'*' && j + 1 < n && sql[j + 1] == u'/') {
                    j += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++j;
                }
            }
            current += sql.mid(i, j - i);
            i = j;
        } else if (c == u'\'' || c == u'"') { // quoted literal or identifier; '' / "" escape
            const bool backslashes = c == u'\'' && i > 0 && (sql[i - 1] == u'E' || sql[i - 1] == u'e');
            qsizetype j = i + 1;
            while (j < n) {
                if (backslashes && sql[j] == u'\\') {
                    j += 2;
                    continue;
                }
                if (sql[j] == c) {
                    if (j + 1 < n && sql[j + 1] == c) {
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            current += sql.mid(i, j - i);
            i = j;
        } else if (c == u'$') {
            const auto match = dollarTag.match(sql, i);
            // $1-style parameters and identifiers containing $ are not quotes.
            const bool partOfWord = i > 0 && (sql[i - 1].isLetterOrNumber() || sql[i - 1] == u'_');
            if (match.hasMatch() && !partOfWord) {
                const QString tag = match.captured(0);
                const qsizetype close = sql.indexOf(tag, i + tag.size());
                const qsizetype stop = close < 0 ? n : close + tag.size();
                current += sql.mid(i, stop - i);
                i = stop;
            } else {
                current += c;
                ++i;
            }
        } else if (c == u';') {
            flush();
            ++i;
        } else {
            current += c;
            ++i;
        }
    }
    flush();
    // A chunk holding only comments is not a statement.
    QStringList result;
    static const QRegularExpression onlyComments(QStringLiteral("^(\\s|--[^\\n]*(\\n|$)|/\\*.*?\\*/)*$"),
                                                 QRegularExpression::DotMatchesEverythingOption);
    for (const QString &s : std::as_const(statements)) {
        if (!onlyComments.match(s).hasMatch())
            result << s;
    }
    return result;
}

Migrator::Migrator(QString directory)
    : m_directory(std::move(directory))
{}

QList<Migrator::Migration> Migrator::migrations() const
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(m_directory);
    if (!dir.exists())
        throw MigrationError(QStringLiteral("migration directory %1 does not exist").arg(m_directory));

    QList<Migration> result;
    QHash<int, QString> seen;
    const auto files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const auto match = pattern.match(fileName);
        if (!match.hasMatch())
            throw MigrationError(QStringLiteral("migration file %1 is not named NNNN_name.sql "
                                                "(four digits, lowercase letters, digits, _)")
                                     .arg(fileName));
        Migration m;
        m.version = match.captured(1).toInt();
        m.name = match.captured(2);
        m.fileName = fileName;
        if (m.version <= 0)
            throw MigrationError(QStringLiteral("migration %1: versions start at 0001").arg(fileName));
        if (seen.contains(m.version))
            throw MigrationError(QStringLiteral("migrations %1 and %2 have the same version")
                                     .arg(seen.value(m.version), fileName));
        seen.insert(m.version, fileName);
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly))
            throw MigrationError(
                QStringLiteral("cannot read migration %1: %2").arg(file.fileName(), file.errorString()));
        m.sql = file.readAll();
        m.checksum = QString::fromLatin1(QCryptographicHash::hash(m.sql, QCryptographicHash::Sha256).toHex());
        result.append(std::move(m));
    }
    std::sort(result.begin(), result.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return result;
}

QList<Migrator::Applied> Migrator::applied(QSqlDatabase db)
{
    QList<Applied> result;
    if (!tableExists(db))
        return result;
    SqlQuery query(db,
                   QStringLiteral("SELECT version, name, checksum, applied_at FROM schema_migrations "
                                  "ORDER BY version"),
                   "migrate.applied");
    query.exec();
    while (query.next()) {
        Applied a;
        a.version = query.value(0).toInt();
        a.name = query.value(1).toString();
        a.checksum = query.value(2).toString();
        a.appliedAt = query.value(3).toDateTime();
        result.append(a);
    }
    return result;
}

Migrator::Result Migrator::migrate(QSqlDatabase db) const
{
    const QList<Migration> files = migrations(); // validate before touching the database
    Result result;

    AdvisoryLock lock(db);
    if (!tableExists(db))
        SqlQuery::execute(db, kCreateTable, "migrate.table");

    QHash<int, Applied> done;
    for (const Applied &a : applied(db))
        done.insert(a.version, a);

    int newest = 0;
    for (const Migration &m : files)
        newest = qMax(newest, m.version);
    for (const Applied &a : std::as_const(done)) {
        if (a.version > newest)
            throw MigrationError(QStringLiteral("the database has migration %1 (%2) applied, which this "
                                                "build does not know: it is newer than this server")
                                     .arg(a.version, 4, 10, QLatin1Char('0'))
                                     .arg(a.name));
    }

    for (const Migration &m : files) {
        if (const auto it = done.constFind(m.version); it != done.cend()) {
            if (it->checksum != m.checksum)
                throw MigrationError(
                    QStringLiteral("migration %1 was changed after it was applied (checksum %2 in the "
                                   "database, %3 on disk); applied migrations are never edited, add a "
                                   "new migration instead")
                        .arg(m.fileName, it->checksum.left(12), m.checksum.left(12)));
            result.skipped.append(m.version);
            continue;
        }

        qCInfo(lcDb).noquote() << "applying migration" << m.fileName;
        Transaction tx(db);
        const QStringList statements = splitStatements(QString::fromUtf8(m.sql));
        for (int i = 0; i < statements.size(); ++i) {
            QSqlQuery query(db);
            if (!query.exec(statements[i])) {
                const QSqlError error = query.lastError();
                if (DbError::classify(error, db.isOpen()) == DbError::Kind::ConnectionLost)
                    throwSqlError(db, error, "migrate.apply");
                // Migrations are our own SQL, not user input: the error text helps whoever fixes it.
                throw MigrationError(QStringLiteral("migration %1 failed at statement %2 (SQLSTATE %3): %4")
                                         .arg(m.fileName)
                                         .arg(i + 1)
                                         .arg(error.nativeErrorCode(), error.databaseText().simplified()));
            }
        }
        SqlQuery record(db,
                        QStringLiteral("INSERT INTO schema_migrations (version, name, checksum) "
                                       "VALUES (:version::integer, :name::text, :checksum::text)"),
                        "migrate.record");
        record.bind(QStringLiteral(":version"), m.version)
            .bind(QStringLiteral(":name"), m.name)
            .bind(QStringLiteral(":checksum"), m.checksum)
            .exec();
        tx.commit();
        result.applied.append(m.version);
    }
    if (!result.applied.isEmpty())
        qCInfo(lcDb) << "migrations applied:" << result.applied
                     << "already present:" << result.skipped.size();
    return result;
}

Migrator::Result Migrator::migrate(const DatabaseSettings &settings) const
{
    const QString name = QStringLiteral("parametric-migrate-") + QUuid::createUuid().toString(QUuid::Id128);
    Result result;
    {
        QSqlDatabase db = openConnection(settings, name);
        if (!db.isOpen()) {
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            qCWarning(lcDb).noquote()
                << "migrate: cannot connect to" << settings.describe() << "-" << error.text().simplified();
            throwSqlError(error, "migrate.connect", false);
        }
        try {
            result = migrate(db);
        } catch (...) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

void Migrator::ensureDatabaseExists(const DatabaseSettings &settings)
{
    const QString name = QStringLiteral("parametric-createdb-") + QUuid::createUuid().toString(QUuid::Id128);
    auto cleanup = [&name] { QSqlDatabase::removeDatabase(name); };
    {
        QSqlDatabase db = openConnection(settings.withName(QStringLiteral("postgres")), name);
        if (!db.isOpen()) {
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            cleanup();
            qCWarning(lcDb).noquote() << "cannot reach the maintenance database on" << settings.describe()
                                      << "-" << error.text().simplified();
            throwSqlError(error, "createdb.connect", false);
        }
        try {
            SqlQuery exists(db, QStringLiteral("SELECT 1 FROM pg_database WHERE datname = :name::text"),
                            "createdb.exists");
            exists.bind(QStringLiteral(":name"), settings.name).exec();
            if (!exists.next()) {
                QSqlQuery create(db);
                if (!create.exec(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0")
                                     .arg(quoteIdentifier(settings.name)))) {
                    const QSqlError error = create.lastError();
                    // 42P04 duplicate_database / 23505 on pg_database: another caller won the race.
                    if (error.nativeErrorCode() != QLatin1String("42P04") &&
                        error.nativeErrorCode() != QLatin1String("23505"))
                        throwSqlError(db, error, "createdb.create");
                } else {
                    qCInfo(lcDb).noquote() << "created database" << settings.name;
                }
            }
        } catch (...) {
            db.close();
            db = QSqlDatabase();
            cleanup();
            throw;
        }
        db.close();
    }
    cleanup();
}
