#include "db/dberror.h"
#include "db/migrator.h"
#include "db/sqlquery.h"
#include "pg/testpostgres.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <memory>
#include <vector>

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

// A connection on the calling thread, closed and removed when it goes out of scope.
class Connection
{
public:
    explicit Connection(const DatabaseSettings &settings)
        : m_name(QStringLiteral("tst-") + QUuid::createUuid().toString(QUuid::Id128))
    {
        m_db = openConnection(settings, m_name);
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase &db() { return m_db; }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next()) {
            qWarning() << "query failed:" << sql << q.lastError().text();
            return {};
        }
        return q.value(0);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        const bool ok = q.exec(sql);
        if (!ok)
            m_lastError = q.lastError();
        return ok;
    }
    QSqlError lastError() const { return m_lastError; }

private:
    QString m_name;
    QSqlDatabase m_db;
    QSqlError m_lastError;
};

} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestPostgres::instance(); }

    void builtInMigrationsApplyAndRerunIsANoOp()
    {
        const auto files = Migrator().migrations();
        QVERIFY(!files.isEmpty());
        QCOMPARE(files.first().version, 1);
        QCOMPARE(files.first().name, QStringLiteral("initial"));

        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("builtin");
        const auto first = Migrator().migrate(s);
        QCOMPARE(first.applied.size(), files.size());
        QVERIFY(first.skipped.isEmpty());
        const auto second = Migrator().migrate(s);
        QVERIFY(second.applied.isEmpty());
        QCOMPARE(second.skipped.size(), files.size());

        Connection c(s);
        const auto applied = Migrator::applied(c.db());
        QCOMPARE(applied.size(), files.size());
        for (int i = 0; i < files.size(); ++i) {
            QCOMPARE(applied[i].version, files[i].version);
            QCOMPARE(applied[i].name, files[i].name);
            QCOMPARE(applied[i].checksum, files[i].checksum);
            QVERIFY(applied[i].appliedAt.isValid());
        }
    }

    void appliesInNumericOrderAndOnlyWhatIsMissing()
    {
        QTemporaryDir dir;
        // Written out of order; 0010 must run after 0002 (it depends on it), not after 0001 by name.
        writeFile(dir.filePath("0010_third.sql"), "INSERT INTO log (step) VALUES ('third');");
        writeFile(dir.filePath("0001_first.sql"),
                  "CREATE TABLE log (n serial PRIMARY KEY, step text NOT NULL);\n"
                  "INSERT INTO log (step) VALUES ('first');");
        writeFile(dir.filePath("0002_second.sql"), "INSERT INTO log (step) VALUES ('second');");

        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("order");
        Migrator m(dir.path());
        QCOMPARE(m.migrate(s).applied, (QList<int>{1, 2, 10}));
        Connection c(s);
        QCOMPARE(c.scalar("SELECT string_agg(step, ',' ORDER BY n) FROM log").toString(),
                 QStringLiteral("first,second,third"));

        const auto again = m.migrate(s);
        QVERIFY(again.applied.isEmpty());
        QCOMPARE(again.skipped, (QList<int>{1, 2, 10}));

        writeFile(dir.filePath("0011_fourth.sql"), "INSERT INTO log (step) VALUES ('fourth');");
        const auto more = m.migrate(s);
        QCOMPARE(more.applied, QList<int>{11});
        QCOMPARE(c.scalar("SELECT count(*) FROM log").toInt(), 4);
    }

    void changedAppliedMigrationIsRejected()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("0001_a.sql"), "CREATE TABLE a (x int);");
        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("checksum");
        Migrator(dir.path()).migrate(s);

        writeFile(dir.filePath("0001_a.sql"), "CREATE TABLE a (x int, y int);");
        writeFile(dir.filePath("0002_b.sql"), "CREATE TABLE b (x int);");
        try {
            Migrator(dir.path()).migrate(s);
            QFAIL("an edited migration was accepted");
        } catch (const MigrationError &e) {
            QVERIFY2(e.message().contains("0001_a.sql"), qPrintable(e.message()));
            QVERIFY2(e.message().contains("changed"), qPrintable(e.message()));
        }
        Connection c(s);
        QCOMPARE(c.scalar("SELECT count(*) FROM schema_migrations").toInt(), 1);
        QVERIFY(c.scalar("SELECT to_regclass('b') IS NULL").toBool()); // nothing after the refusal
    }

    void failingMigrationRollsBackCompletely()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("0001_ok.sql"), "CREATE TABLE ok (x int);");
        writeFile(dir.filePath("0002_bad.sql"), "CREATE TABLE half (x int);\nSELECT 1/0;");
        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("failing");
        try {
            Migrator(dir.path()).migrate(s);
            QFAIL("a failing migration was reported as applied");
        } catch (const MigrationError &e) {
            QVERIFY2(e.message().contains("0002_bad.sql") && e.message().contains("statement 2") &&
                         e.message().contains("22012"),
                     qPrintable(e.message()));
        }
        Connection c(s);
        QVERIFY(c.scalar("SELECT to_regclass('ok') IS NOT NULL").toBool());
        QVERIFY(c.scalar("SELECT to_regclass('half') IS NULL").toBool());
        QCOMPARE(c.scalar("SELECT string_agg(version::text, ',') FROM schema_migrations").toString(),
                 QStringLiteral("1"));

        // Fixed (it never applied, so editing it is allowed): the next run applies it.
        writeFile(dir.filePath("0002_bad.sql"), "CREATE TABLE half (x int);");
        QCOMPARE(Migrator(dir.path()).migrate(s).applied, QList<int>{2});
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("plain") << "SELECT 1; SELECT 2;\n" << QStringList{"SELECT 1", "SELECT 2"};
        QTest::newRow("no trailing semicolon") << "SELECT 1" << QStringList{"SELECT 1"};
        QTest::newRow("quotes") << "SELECT 'a;b', \"c;d\", 'it''s;';SELECT 2"
                                << QStringList{"SELECT 'a;b', \"c;d\", 'it''s;'", "SELECT 2"};
        QTest::newRow("escape string")
            << "SELECT E'x\\';y'; SELECT 3" << QStringList{"SELECT E'x\\';y'", "SELECT 3"};
        QTest::newRow("comments") << "-- a; comment\nSELECT 1; /* x; /* nested; */ y; */ SELECT 2; -- tail;"
                                  << QStringList{"-- a; comment\nSELECT 1",
                                                 "/* x; /* nested; */ y; */ SELECT 2"};
        QTest::newRow("dollar quotes")
            << "DO $$ BEGIN PERFORM 1; END $$;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ "
               "SELECT 1; $body$;"
            << QStringList{"DO $$ BEGIN PERFORM 1; END $$",
                           "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$"};
        QTest::newRow("positional parameter is not a quote")
            << "PREPARE p AS SELECT $1; SELECT 2" << QStringList{"PREPARE p AS SELECT $1", "SELECT 2"};
        QTest::newRow("only comments") << "-- nothing\n/* here */" << QStringList{};
    }
    void splitStatements()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, statements);
        QCOMPARE(Migrator::splitStatements(sql), statements);
    }

    void invalidMigrationSetsAreRejectedBeforeTouchingTheDatabase_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no digits") << QStringList{"initial.sql"} << "initial.sql";
        QTest::newRow("three digits") << QStringList{"001_a.sql"} << "001_a.sql";
        QTest::newRow("upper case") << QStringList{"0001_Init.sql"} << "0001_Init.sql";
        QTest::newRow("duplicate version") << QStringList{"0001_a.sql", "0001_b.sql"} << "same version";
        QTest::newRow("version zero") << QStringList{"0000_a.sql"} << "0001";
    }
    void invalidMigrationSetsAreRejectedBeforeTouchingTheDatabase()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        for (const QString &f : files)
            writeFile(dir.filePath(f), "SELECT 1;");
        try {
            Migrator(dir.path()).migrations();
            QFAIL("accepted");
        } catch (const MigrationError &e) {
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(MigrationError, Migrator(dir.filePath("missing")).migrations());
    }

    void databaseNewerThanTheBuildIsRejected()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("0001_a.sql"), "CREATE TABLE a (x int);");
        writeFile(dir.filePath("0002_b.sql"), "CREATE TABLE b (x int);");
        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("newer");
        Migrator(dir.path()).migrate(s);
        QFile::remove(dir.filePath("0002_b.sql"));
        try {
            Migrator(dir.path()).migrate(s);
            QFAIL("accepted");
        } catch (const MigrationError &e) {
            QVERIFY2(e.message().contains("0002"), qPrintable(e.message()));
        }
    }

    // Four starters on a fresh database at once: every migration runs exactly once, nobody fails.
    void concurrentMigratorsApplyEachMigrationOnce()
    {
        QTemporaryDir dir;
        writeFile(
            dir.filePath("0001_runs.sql"),
            "CREATE TABLE runs (version int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());\n"
            "SELECT pg_sleep(0.2);\nINSERT INTO runs (version) VALUES (1);");
        writeFile(dir.filePath("0002_more.sql"),
                  "SELECT pg_sleep(0.1);\nINSERT INTO runs (version) VALUES (2);");
        writeFile(dir.filePath("0003_last.sql"), "INSERT INTO runs (version) VALUES (3);");
        const DatabaseSettings s = TestPostgres::instance().createEmptyDatabase("concurrent");

        constexpr int kStarters = 4;
        std::atomic<int> failures{0};
        std::vector<QList<int>> appliedBy(kStarters);
        std::vector<std::unique_ptr<QThread>> threads;
        std::atomic<bool> go{false};
        for (int i = 0; i < kStarters; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                while (!go.load())
                    QThread::yieldCurrentThread();
                try {
                    appliedBy[i] = Migrator(dir.path()).migrate(s).applied;
                } catch (const std::exception &e) {
                    qWarning() << "starter" << i << "failed:" << e.what();
                    ++failures;
                }
            }));
            threads.back()->start();
        }
        go = true;
        for (auto &t : threads)
            QVERIFY(t->wait(60000));

        QCOMPARE(failures.load(), 0);
        QList<int> all;
        for (const auto &a : appliedBy)
            all += a;
        std::sort(all.begin(), all.end());
        QCOMPARE(all, (QList<int>{1, 2, 3})); // each applied by exactly one starter
        Connection c(s);
        QCOMPARE(c.scalar("SELECT string_agg(version::text, ',' ORDER BY at) FROM runs").toString(),
                 QStringLiteral("1,2,3"));
        QCOMPARE(c.scalar("SELECT count(*) FROM schema_migrations").toInt(), 3);
    }

    void ensureDatabaseExistsIsIdempotentAndRaceSafe()
    {
        DatabaseSettings s = TestPostgres::instance().maintenanceSettings();
        s.name = QStringLiteral("created_by_race");
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 3; ++i) {
            threads.emplace_back(QThread::create([&] {
                try {
                    Migrator::ensureDatabaseExists(s);
                } catch (const std::exception &e) {
                    qWarning() << e.what();
                    ++failures;
                }
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(30000));
        QCOMPARE(failures.load(), 0);
        Migrator::ensureDatabaseExists(s); // exists already: fine
        Connection c(s);
        QVERIFY(c.db().isOpen());
    }

    // The schema of 0001 on its own (later migrations change users; this checks 0001's guarantees).
    void initialSchemaConstraints()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(":/migrations/0001_initial.sql", dir.filePath("0001_initial.sql")));
        const DatabaseSettings s = TestPostgres::instance().createFreshDatabase("schema0001", dir.path());
        Connection c(s);

        QCOMPARE(c.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN "
                          "('users','sessions','oauth_accounts','refresh_tokens','api_keys','assets',"
                          "'organizations','organization_members')")
                     .toInt(),
                 8);
        // No index predicate may depend on the current time.
        QCOMPARE(c.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND "
                          "(indexdef ILIKE '%now()%' OR indexdef ILIKE '%current_timestamp%')")
                     .toInt(),
                 0);

        QVERIFY(c.exec("INSERT INTO users (email) VALUES ('Ada@Example.org')"));
        QVERIFY(!c.exec("INSERT INTO users (email) VALUES ('ada@example.ORG')"));
        QCOMPARE(c.lastError().nativeErrorCode(), QStringLiteral("23505"));
        // A soft-deleted user no longer holds the address.
        QVERIFY(c.exec("UPDATE users SET deleted_at = now() WHERE email = 'Ada@Example.org'"));
        QVERIFY(c.exec("INSERT INTO users (email) VALUES ('ada@example.org')"));
        QVERIFY(!c.exec("INSERT INTO users (email) VALUES ('no-at-sign')"));
        QCOMPARE(c.lastError().nativeErrorCode(), QStringLiteral("23514"));

        const QString user = c.scalar("SELECT id FROM users WHERE email = 'ada@example.org'").toString();
        QVERIFY(!user.isEmpty());
        const QString hash = QString(64, QLatin1Char('a'));
        QVERIFY(c.exec(QStringLiteral("INSERT INTO sessions (user_id, token_hash, expires_at) "
                                      "VALUES ('%1', '%2', now() + interval '1 day')")
                           .arg(user, hash)));
        QVERIFY(!c.exec(QStringLiteral("INSERT INTO sessions (user_id, token_hash, expires_at) "
                                       "VALUES ('%1', '%2', now() + interval '1 day')")
                            .arg(user, hash.toUpper())));
        QCOMPARE(c.lastError().nativeErrorCode(), QStringLiteral("23514")); // hashes are lower-case hex
        QVERIFY(!c.exec(QStringLiteral("INSERT INTO sessions (user_id, token_hash, expires_at) "
                                       "VALUES ('%1', '%2', now() - interval '1 day')")
                            .arg(user, QString(64, 'b'))));
        QVERIFY(c.exec(QStringLiteral("INSERT INTO refresh_tokens (user_id, token_hash, expires_at) "
                                      "VALUES ('%1', '%2', now())")
                           .arg(user, hash)));
        QVERIFY(
            c.exec(QStringLiteral("INSERT INTO api_keys (user_id, name, key_hash) VALUES ('%1', 'ci', '%2')")
                       .arg(user, hash)));
        QVERIFY(
            c.exec(QStringLiteral(
                       "INSERT INTO oauth_accounts (user_id, provider, provider_account_id, access_token) "
                       "VALUES ('%1', 'github', '42', 'x')")
                       .arg(user)));
        QVERIFY(
            !c.exec(QStringLiteral(
                        "INSERT INTO oauth_accounts (user_id, provider, provider_account_id, access_token) "
                        "VALUES ('%1', 'github', '42', 'y')")
                        .arg(user)));
        QCOMPARE(c.lastError().nativeErrorCode(), QStringLiteral("23505"));
        QVERIFY(
            !c.exec(QStringLiteral(
                        "INSERT INTO oauth_accounts (user_id, provider, provider_account_id, access_token) "
                        "VALUES ('%1', 'gitlab', '42', 'y')")
                        .arg(user)));
        QVERIFY(
            c.exec(QStringLiteral("INSERT INTO assets (user_id, prompt, svg) VALUES ('%1', 'gear', '<svg/>')")
                       .arg(user)));
        QVERIFY(
            !c.exec(QStringLiteral("INSERT INTO assets (user_id, prompt, svg) VALUES ('%1', '  ', '<svg/>')")
                        .arg(user)));

        QVERIFY(c.exec("INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme')"));
        QVERIFY(!c.exec("INSERT INTO organizations (name, slug) VALUES ('Acme 2', 'acme')"));
        QVERIFY(
            !c.exec("INSERT INTO organizations (name, slug) VALUES ('Acme 3', 'Acme')")); // lower-case slugs
        QVERIFY(c.exec(QStringLiteral("INSERT INTO organization_members (organization_id, user_id, role) "
                                      "SELECT id, '%1', 'owner' FROM organizations WHERE slug = 'acme'")
                           .arg(user)));
        QVERIFY(!c.exec(QStringLiteral("INSERT INTO organization_members (organization_id, user_id, role) "
                                       "SELECT id, '%1', 'member' FROM organizations WHERE slug = 'acme'")
                            .arg(user)));
        QVERIFY(c.exec("UPDATE organizations SET deleted_at = now() WHERE slug = 'acme'"));
        QVERIFY(c.exec("INSERT INTO organizations (name, slug) VALUES ('Acme again', 'acme')"));

        // Deleting the user: icons stay (user_id NULL), everything personal goes.
        QVERIFY(c.exec(QStringLiteral("DELETE FROM users WHERE id = '%1'").arg(user)));
        QCOMPARE(c.scalar("SELECT count(*) FROM assets WHERE user_id IS NULL").toInt(), 1);
        for (const char *table :
             {"sessions", "refresh_tokens", "api_keys", "oauth_accounts", "organization_members"})
            QCOMPARE(c.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))).toInt(),
                     0);
        QCOMPARE(c.scalar("SELECT count(*) FROM users").toInt(), 1); // the soft-deleted one
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
