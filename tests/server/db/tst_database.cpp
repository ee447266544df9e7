#include "db/database.h"
#include "db/dberror.h"
#include "db/sqlquery.h"
#include "db/transaction.h"
#include "errormapping.h"
#include "pg/testpostgres.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <future>
#include <optional>

using errormapping::httpErrorFor;

namespace {

// Runs `work` on the pool and waits for it; returns the DbError it threw, if any.
template<typename F> std::optional<DbError> runOnPool(Database &db, F work)
{
    std::promise<std::optional<DbError>> done;
    auto future = done.get_future();
    db.run([&] {
        try {
            work();
            done.set_value(std::nullopt);
        } catch (const DbError &e) {
            done.set_value(e);
        } catch (...) {
            done.set_exception(std::current_exception());
        }
    });
    return future.get();
}

struct Health
{
    bool ok = false;
    qint64 ms = -1;
};

// Waits (spinning the event loop, as the HTTP thread would) for checkHealth's answer.
Health health(Database &db)
{
    std::atomic<int> result{-1};
    QElapsedTimer timer;
    timer.start();
    db.checkHealth([&result](bool ok) { result = ok ? 1 : 0; });
    const bool answered = QTest::qWaitFor([&] { return result.load() >= 0; }, 5000);
    Health h;
    h.ok = answered && result.load() == 1;
    h.ms = answered ? timer.elapsed() : -1;
    return h;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    DatabaseSettings m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        m_settings = TestPostgres::instance().createFreshDatabase("database");
        m_settings.applicationName = QStringLiteral("tst-database");
        // Tables of our own: the tests must not depend on how later migrations reshape the schema.
        Database db(m_settings, 1);
        QVERIFY(!runOnPool(db, [&] {
            SqlQuery::execute(db.connection(), QStringLiteral(R"(
                CREATE TABLE parent (id int PRIMARY KEY, email text NOT NULL UNIQUE CHECK (position('@' IN email) > 1));
                CREATE TABLE child (parent_id int NOT NULL REFERENCES parent (id));
                CREATE FUNCTION fail_with(code text) RETURNS void LANGUAGE plpgsql
                    AS $$ BEGIN RAISE EXCEPTION 'forced failure' USING ERRCODE = code; END $$;
            )"));
        }));
    }

    void eachPoolThreadHasItsOwnConnection()
    {
        Database db(m_settings, 4);
        QMutex mutex;
        QHash<Qt::HANDLE, QSet<QString>> namesByThread;
        QSet<int> backends;
        std::atomic<int> remaining{32};
        for (int i = 0; i < 32; ++i) {
            db.run([&] {
                QSqlDatabase c = db.connection();
                SqlQuery q(c, QStringLiteral("SELECT pg_backend_pid(), pg_sleep(0.01)"), "test.pid");
                q.exec();
                q.next();
                QMutexLocker lock(&mutex);
                namesByThread[QThread::currentThreadId()].insert(c.connectionName());
                backends.insert(q.value(0).toInt());
                --remaining;
            });
        }
        QVERIFY(QTest::qWaitFor([&] { return remaining.load() == 0; }, 10000));
        QVERIFY(namesByThread.size() <= 4);
        QSet<QString> all;
        for (const auto &names : std::as_const(namesByThread)) {
            QCOMPARE(names.size(), 1); // a thread keeps its connection
            all += names;
        }
        QCOMPARE(all.size(), namesByThread.size()); // and no two threads share one
        QCOMPARE(backends.size(), namesByThread.size());
    }

    void connectionCarriesSettings()
    {
        Database db(m_settings, 1);
        QString appName, timeout;
        QVERIFY(!runOnPool(db, [&] {
            SqlQuery q(
                db.connection(),
                QStringLiteral(
                    "SELECT current_setting('application_name'), current_setting('statement_timeout')"));
            q.exec();
            q.next();
            appName = q.value(0).toString();
            timeout = q.value(1).toString();
        }));
        QCOMPARE(appName, QStringLiteral("tst-database"));
        QCOMPARE(timeout, QStringLiteral("15s"));
    }

    void uniqueViolationIs409WithoutSql()
    {
        Database db(m_settings, 1);
        const auto error = runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            SqlQuery insert(c,
                            QStringLiteral("INSERT INTO parent (id, email) VALUES (:id::int, :email::text)"),
                            "parent.insert");
            insert.bind(":id", 1).bind(":email", "dup@example.org").exec();
            SqlQuery again(c,
                           QStringLiteral("INSERT INTO parent (id, email) VALUES (:id::int, :email::text)"),
                           "parent.insert");
            again.bind("id", 2).bind("email", "dup@example.org").exec();
        });
        QVERIFY(error);
        QCOMPARE(error->kind(), DbError::Kind::UniqueViolation);
        QCOMPARE(httpErrorFor(*error).status(), 409);
        QCOMPARE(httpErrorFor(*error).tag(), QStringLiteral("ConflictError"));
        QCOMPARE(error->sqlState(), QStringLiteral("23505"));
        QCOMPARE(error->constraint(), QStringLiteral("parent_email_key"));
        QVERIFY(!error->isRetryable());
        QVERIFY(!httpErrorFor(*error).message().contains("INSERT"));
        QVERIFY(!httpErrorFor(*error).message().contains("dup@example.org"));
        QVERIFY(!httpErrorFor(*error).message().contains("parent"));
    }

    void otherErrorsAre500WithoutDetail_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("kind");
        QTest::newRow("division by zero") << "SELECT 1/0" << int(DbError::Kind::Other);
        QTest::newRow("check violation")
            << "INSERT INTO parent VALUES (10, 'no-at')" << int(DbError::Kind::CheckViolation);
        QTest::newRow("foreign key") << "INSERT INTO child VALUES (404)"
                                     << int(DbError::Kind::ForeignKeyViolation);
        QTest::newRow("not null") << "INSERT INTO parent VALUES (11, NULL)"
                                  << int(DbError::Kind::NotNullViolation);
        QTest::newRow("raised") << "SELECT fail_with('P0001')" << int(DbError::Kind::Other);
        QTest::newRow("unknown table") << "SELECT * FROM nowhere_secret_table" << int(DbError::Kind::Other);
    }
    void otherErrorsAre500WithoutDetail()
    {
        QFETCH(QString, sql);
        QFETCH(int, kind);
        Database db(m_settings, 1);
        const auto error = runOnPool(db, [&] { SqlQuery(db.connection(), sql, "test.other").exec(); });
        QVERIFY(error);
        QCOMPARE(int(error->kind()), kind);
        QCOMPARE(httpErrorFor(*error).status(), 500);
        QCOMPARE(httpErrorFor(*error).tag(), QStringLiteral("InternalError"));
        const QJsonObject body = httpErrorFor(*error).toJson("req-1");
        const QString text = QString::fromUtf8(QJsonDocument(body).toJson());
        for (const char *leak :
             {"nowhere_secret_table", "division", "parent", "child", "forced", "SELECT", "INSERT", "23"})
            QVERIFY2(!text.contains(QLatin1String(leak)), qPrintable(text));
    }

    void untypedParameterFailsAtPrepare()
    {
        Database db(m_settings, 1);
        const auto error =
            runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT :x IS NULL")); });
        QVERIFY(error);
        QCOMPARE(httpErrorFor(*error).status(), 500);
        // Cast, it works:
        QVERIFY(!runOnPool(db, [&] {
            SqlQuery q(db.connection(), QStringLiteral("SELECT :x::text IS NULL"));
            q.bind(":x", QVariant(QMetaType::fromType<QString>())).exec();
            if (!q.next() || !q.value(0).toBool())
                throw std::runtime_error("NULL did not bind as NULL");
        }));
    }

    void preparedStatementsAreReusedPerConnection()
    {
        Database db(m_settings, 1);
        int prepared = -1;
        QVERIFY(!runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            for (int i = 0; i < 5; ++i) {
                SqlQuery q(c, QStringLiteral("SELECT :n::int + 1 AS n"), "test.cached");
                q.bind(":n", i).exec();
                if (!q.next() || q.value("n").toInt() != i + 1)
                    throw std::runtime_error("wrong result");
                // A nested use of the same text while the first is open still works.
                SqlQuery nested(c, QStringLiteral("SELECT :n::int + 1 AS n"), "test.cached");
                nested.bind(":n", 10).exec();
                if (!nested.next() || nested.value("n").toInt() != 11)
                    throw std::runtime_error("wrong nested result");
            }
            QSqlQuery count(c); // unprepared, so it does not list itself
            count.exec(QStringLiteral(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%+ 1 AS n%'"));
            count.next();
            prepared = count.value(0).toInt();
        }));
        QCOMPARE(prepared, 1); // one server-side statement, not one per call
    }

    void transactionCommitsAndRollsBack()
    {
        Database db(m_settings, 1);
        QVERIFY(!runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            SqlQuery::execute(c, QStringLiteral("CREATE TABLE IF NOT EXISTS tx_test (v int)"));
            {
                Transaction tx(c);
                SqlQuery(c, QStringLiteral("INSERT INTO tx_test VALUES (1)")).exec();
                tx.commit();
            }
            {
                Transaction tx(c);
                SqlQuery(c, QStringLiteral("INSERT INTO tx_test VALUES (2)")).exec();
            } // destroyed without commit
            try {
                Transaction tx(c);
                SqlQuery(c, QStringLiteral("INSERT INTO tx_test VALUES (3)")).exec();
                throw std::runtime_error("abort");
            } catch (const std::runtime_error &) {
            }
        }));
        int sum = -1;
        QVERIFY(!runOnPool(db, [&] {
            SqlQuery q(db.connection(), QStringLiteral("SELECT coalesce(sum(v), 0) FROM tx_test"));
            q.exec();
            q.next();
            sum = q.value(0).toInt();
        }));
        QCOMPARE(sum, 1);
    }

    void commitOfAnAbortedTransactionThrows()
    {
        Database db(m_settings, 1);
        const auto error = runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            Transaction tx(c);
            try {
                SqlQuery(c, QStringLiteral("SELECT 1/0")).exec();
            } catch (const DbError &) {
                // swallowed by mistake: the commit must still not look like success
            }
            tx.commit();
        });
        QVERIFY(error);
        QCOMPARE(httpErrorFor(*error).status(), 500);
    }

    void withTransactionRetriesSerializationFailures()
    {
        Database db(m_settings, 1);
        int attempts = 0;
        int result = 0;
        QVERIFY(!runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            result = withTransaction(c, [&] {
                ++attempts;
                if (attempts < 3)
                    SqlQuery(c, QStringLiteral("SELECT fail_with('40001')")).exec();
                return 42;
            });
        }));
        QCOMPARE(attempts, 3);
        QCOMPARE(result, 42);

        attempts = 0;
        const auto error = runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            withTransaction(c, [&] {
                ++attempts;
                SqlQuery(c, QStringLiteral("SELECT fail_with('40P01')")).exec();
            });
        });
        QVERIFY(error);
        QCOMPARE(attempts, 3); // gives up after three
        QVERIFY(error->isRetryable());
        QCOMPARE(httpErrorFor(*error).status(), 409);

        attempts = 0;
        const auto other = runOnPool(db, [&] {
            QSqlDatabase c = db.connection();
            withTransaction(c, [&] {
                ++attempts;
                SqlQuery(c, QStringLiteral("SELECT 1/0")).exec();
            });
        });
        QVERIFY(other);
        QCOMPARE(attempts, 1); // not retryable
    }

    void realSerializationConflictIsRetried()
    {
        // Two serializable transactions that each read what the other writes: one fails with 40001
        // at commit and withTransaction runs it again.
        Database db(m_settings, 2);
        QVERIFY(!runOnPool(db, [&] {
            SqlQuery::execute(db.connection(),
                              QStringLiteral("CREATE TABLE IF NOT EXISTS ser (k int PRIMARY KEY, v int);"
                                             "INSERT INTO ser VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING"));
        }));
        std::atomic<int> attempts{0};
        std::atomic<int> arrived{0};
        std::atomic<int> failures{0};
        std::atomic<int> done{0};
        for (int me = 1; me <= 2; ++me) {
            db.run([&, me] {
                try {
                    QSqlDatabase c = db.connection();
                    withTransaction(
                        c,
                        [&] {
                            const int attempt = ++attempts;
                            SqlQuery read(c, QStringLiteral("SELECT sum(v) FROM ser"));
                            read.exec();
                            if (attempt <= 2) { // both first attempts overlap
                                ++arrived;
                                while (arrived.load() < 2)
                                    QThread::msleep(1);
                            }
                            SqlQuery write(c, QStringLiteral("UPDATE ser SET v = v + 1 WHERE k = :k::int"));
                            write.bind(":k", me).exec();
                        },
                        Transaction::Isolation::Serializable);
                } catch (const std::exception &e) {
                    qWarning() << e.what();
                    ++failures;
                }
                ++done;
            });
        }
        QVERIFY(QTest::qWaitFor([&] { return done.load() == 2; }, 10000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(attempts.load(), 3); // one of the two ran twice
    }

    void statementTimeoutIs503()
    {
        DatabaseSettings s = m_settings;
        s.statementTimeoutMs = 200;
        Database db(s, 1);
        const auto error =
            runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT pg_sleep(2)")).exec(); });
        QVERIFY(error);
        QCOMPARE(error->kind(), DbError::Kind::Timeout);
        QCOMPARE(httpErrorFor(*error).status(), 503);
    }

    void unreachableServerIs503AndUnhealthyFast()
    {
        QTemporaryDir nowhere;
        DatabaseSettings s = m_settings;
        s.host = nowhere.path(); // a socket directory without a server
        Database db(s, 1);
        const auto error = runOnPool(db, [&] { db.connection(); });
        QVERIFY(error);
        QCOMPARE(error->kind(), DbError::Kind::ConnectionLost);
        const ApiError answer = httpErrorFor(*error);
        QCOMPARE(answer.status(), 503);
        QCOMPARE(answer.tag(), QStringLiteral("ServiceUnavailableError"));
        bool hasRetryAfter = false;
        for (const auto &h : answer.headers())
            hasRetryAfter |= h.first.compare("Retry-After", Qt::CaseInsensitive) == 0;
        QVERIFY(hasRetryAfter);
        const Health h = health(db);
        QVERIFY(!h.ok);
        QVERIFY2(h.ms >= 0 && h.ms < 1500, qPrintable(QString::number(h.ms)));
    }

    void terminatedBackendsAreReplaced()
    {
        Database db(m_settings, 2);
        QVERIFY(!runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); }));
        QVERIFY(health(db).ok);
        {
            const QString name = QStringLiteral("tst-terminator");
            QSqlDatabase admin = openConnection(TestPostgres::instance().maintenanceSettings(), name);
            QSqlQuery q(admin);
            QVERIFY(q.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                          "WHERE application_name LIKE 'tst-database%'")));
            admin.close();
            admin = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
        }
        // The first use of a killed connection may fail with 503; after that it heals by itself.
        const auto first =
            runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); });
        if (first)
            QCOMPARE(httpErrorFor(*first).status(), 503);
        QVERIFY(!runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); }));
        QVERIFY(health(db).ok); // the health connection was killed too and retries on a fresh one
    }

    // Database restart with the same process and the same Database object: 503 while down,
    // readiness false within 1.5 s, and the next query after the restart succeeds.
    void recoversFromADatabaseRestart()
    {
        Database db(m_settings, 2);
        QVERIFY(!runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); }));
        QVERIFY(health(db).ok);

        QString error;
        QVERIFY2(TestPostgres::instance().stop(&error), qPrintable(error));
        const auto down =
            runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); });
        QVERIFY(down);
        QCOMPARE(httpErrorFor(*down).status(), 503);
        QVERIFY(down->isConnectionLoss());
        const Health whileDown = health(db);
        QVERIFY(!whileDown.ok);
        QVERIFY2(whileDown.ms < 1500, qPrintable(QString::number(whileDown.ms)));

        QVERIFY2(TestPostgres::instance().start(&error), qPrintable(error));
        int value = 0;
        const auto up = runOnPool(db, [&] {
            SqlQuery q(db.connection(), QStringLiteral("SELECT 7"));
            q.exec();
            q.next();
            value = q.value(0).toInt();
        });
        QVERIFY2(!up, up ? qPrintable(up->sqlState()) : "");
        QCOMPARE(value, 7);
        QVERIFY(health(db).ok);
    }

    void healthProbesShareOneQuery()
    {
        Database db(m_settings, 1);
        std::atomic<int> answers{0};
        std::atomic<int> healthy{0};
        for (int i = 0; i < 50; ++i)
            db.checkHealth([&](bool ok) {
                ++answers;
                if (ok)
                    ++healthy;
            });
        QVERIFY(QTest::qWaitFor([&] { return answers.load() == 50; }, 5000));
        QCOMPARE(healthy.load(), 50);
    }

    void destroyingTheDatabaseClosesItsConnections()
    {
        {
            Database db(m_settings, 3);
            for (int i = 0; i < 6; ++i)
                QVERIFY(
                    !runOnPool(db, [&] { SqlQuery(db.connection(), QStringLiteral("SELECT 1")).exec(); }));
            QVERIFY(health(db).ok);
        }
        const QStringList left = QSqlDatabase::connectionNames().filter(QStringLiteral("parametric-"));
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
