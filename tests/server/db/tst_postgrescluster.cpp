#include "db/postgrescluster.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

namespace {

// Runs one statement on a fresh connection; returns the first column or an error text.
std::optional<QVariant> query(const DatabaseSettings &s, const QString &sql, QString *error = nullptr)
{
    const QString name = QStringLiteral("tst-cluster-") + QUuid::createUuid().toString(QUuid::Id128);
    std::optional<QVariant> result;
    {
        QSqlDatabase db = openConnection(s, name);
        QSqlQuery q(db);
        if (db.isOpen() && q.exec(sql)) {
            result = q.next() ? q.value(0) : QVariant();
        } else if (error) {
            *error = db.isOpen() ? q.lastError().text() : db.lastError().text();
        }
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// A temporary directory the `postgres` user can traverse (QTemporaryDir makes it 0700; as root the
// server runs as postgres and must reach the cluster inside).
struct TempDir : QTemporaryDir
{
    TempDir()
    {
        QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                          QFileDevice::ExeOther);
    }
};

PostgresCluster::Options options(const QString &root)
{
    PostgresCluster::Options o;
    o.rootDir = root;
    o.throwaway = true;
    return o;
}

} // namespace

class TestPostgresCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheServerPrograms()
    {
        QString error;
        const QString dir = PostgresCluster::findBinDir({}, &error);
        QVERIFY2(!dir.isEmpty(), qPrintable(error));
        QVERIFY(QFileInfo(QDir(dir).filePath("initdb")).isExecutable());
    }

    void missingBinariesExplainHowToInstall()
    {
        QTemporaryDir empty;
        QString error;
        QVERIFY(PostgresCluster::findBinDir(empty.path(), &error).isEmpty());
        QVERIFY2(error.contains("initdb") && error.contains("apt-get install postgresql"), qPrintable(error));

        TempDir root;
        PostgresCluster::Options o = options(root.filePath("cluster"));
        o.binDir = empty.path();
        PostgresCluster cluster(o);
        QSignalSpy failed(&cluster, &PostgresCluster::failed);
        QString startError;
        QVERIFY(!cluster.start(&startError));
        QVERIFY2(startError.contains("apt-get install postgresql"), qPrintable(startError));
        QCOMPARE(cluster.state(), PostgresCluster::State::Failed);
        QCOMPARE(cluster.errorString(), startError);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!QFileInfo::exists(cluster.dataDir()));
    }

    // initdb once, start, stop, start again on the existing data (data kept), restart, a stale
    // postmaster.pid after a "crash", and adopting a server left running by another owner.
    void lifecycleOnOneDataDirectory()
    {
        TempDir root;
        const QString dir = root.filePath("cluster");
        QString error;
        {
            PostgresCluster cluster(options(dir));
            QSignalSpy states(&cluster, &PostgresCluster::stateChanged);
            QVERIFY(!cluster.isInitialized());
            QVERIFY2(cluster.start(&error), qPrintable(error));
            QVERIFY(cluster.isInitialized());
            QVERIFY(cluster.isRunning());
            QCOMPARE(cluster.state(), PostgresCluster::State::Running);
            QVERIFY(states.count() >= 3); // Initializing, Starting, Running
            QCOMPARE(states.first().first().value<PostgresCluster::State>(),
                     PostgresCluster::State::Initializing);
            QCOMPARE(cluster.settings().host, cluster.socketDir());
            QVERIFY(QFileInfo(cluster.socketDir()).isDir());
            QVERIFY(query(cluster.settings(), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)"));
            // Socket only: no TCP listener.
            QCOMPARE(query(cluster.settings(), "SHOW listen_addresses")->toString(), QString());

            QVERIFY2(cluster.stop(&error), qPrintable(error));
            QVERIFY(!cluster.isRunning());
            QCOMPARE(cluster.state(), PostgresCluster::State::Stopped);
            QVERIFY(!query(cluster.settings(), "SELECT 1"));

            QVERIFY2(cluster.start(&error), qPrintable(error)); // existing data dir: no initdb
            QCOMPARE(query(cluster.settings(), "SELECT v FROM kept")->toInt(), 42);
            QVERIFY2(cluster.restart(&error), qPrintable(error));
            QCOMPARE(query(cluster.settings(), "SELECT v FROM kept")->toInt(), 42);
            QVERIFY(cluster.stop());
        }
        {
            // A crash leaves postmaster.pid behind; its PID now belongs to someone else (us).
            QFile pid(dir + "/data/postmaster.pid");
            QVERIFY(pid.open(QIODevice::WriteOnly));
            pid.write(QByteArray::number(QCoreApplication::applicationPid()) + "\n" + QFile::encodeName(dir) +
                      "/data\n0\n5432\n\n\n");
            pid.close();
            PostgresCluster cluster(options(dir));
            QVERIFY2(cluster.start(&error), qPrintable(error));
            QCOMPARE(query(cluster.settings(), "SELECT v FROM kept")->toInt(), 42);
        } // destroyed: stops what it started
        {
            PostgresCluster first(options(dir));
            QVERIFY(first.start());
            PostgresCluster::Options o = options(dir);
            o.stopOnDestruction = false;
            auto *second = new PostgresCluster(o);
            QVERIFY2(second->start(&error), qPrintable(error)); // adopts the running server
            QCOMPARE(second->port(), first.port());
            QCOMPARE(query(second->settings(), "SELECT v FROM kept")->toInt(), 42);
            delete second; // did not stop it
            QVERIFY(first.isRunning());
        }
        PostgresCluster check(options(dir));
        QVERIFY(!check.isRunning());
    }

    void tcpNeedsThePassword()
    {
        TempDir root;
        PostgresCluster::Options o = options(root.filePath("tcp"));
        o.listenTcp = true;
        PostgresCluster cluster(o);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QVERIFY(cluster.port() != 0);
        const DatabaseSettings tcp = cluster.tcpSettings();
        QCOMPARE(tcp.host, QStringLiteral("127.0.0.1"));
        QVERIFY(!tcp.password.isEmpty());
        QCOMPARE(query(tcp, "SELECT inet_server_addr()::text")->toString(), QStringLiteral("127.0.0.1/32"));
        DatabaseSettings wrong = tcp;
        wrong.password = QStringLiteral("guess");
        QString why;
        QVERIFY(!query(wrong, "SELECT 1", &why));
        QVERIFY2(why.contains("password"), qPrintable(why));
        QFile pw(root.filePath("tcp/password"));
        QCOMPARE(pw.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void startAsyncReportsProgress()
    {
        TempDir root;
        PostgresCluster cluster(options(root.filePath("async")));
        QSignalSpy started(&cluster, &PostgresCluster::started);
        QSignalSpy progress(&cluster, &PostgresCluster::progress);
        QSignalSpy failed(&cluster, &PostgresCluster::failed);
        cluster.startAsync();
        QVERIFY(QTest::qWaitFor([&] { return started.count() + failed.count() > 0; }, 60000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(progress.count() >= 2);
        QCOMPARE(cluster.state(), PostgresCluster::State::Running);
        QVERIFY(query(cluster.settings(), "SELECT 1"));
    }

    void longRootDirectoryGetsAShortSocketDirectory()
    {
        TempDir root;
        const QString deep = root.filePath(QString(90, QLatin1Char('d')));
        PostgresCluster cluster(options(deep));
        QVERIFY(cluster.socketDir().size() < 80);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QVERIFY(query(cluster.settings(), "SELECT 1"));
        QVERIFY(cluster.stop());
        QDir(cluster.socketDir()).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestPostgresCluster)
#include "tst_postgrescluster.moc"
