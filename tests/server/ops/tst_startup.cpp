// Start-up (issue 11 point 4): until its migrations have completed, a real parametric-server answers
// every route but health with 503, an integral Retry-After and the JSON error body, never 500 from SQL
// on tables that do not exist yet. Requests go over raw sockets while the process starts on a fresh
// database: freely, while another migrator holds the migration lock (as when replicas start
// together), and while the database is down at start and comes up later.
#include "db/migrator.h"
#include "pg/testpostgres.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

namespace {

struct Probe
{
    const char *name;
    QByteArray request;
    int readyStatus; // the answer once the schema exists
};

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &headers = {},
                   const QByteArray &body = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
    if (!body.isEmpty() || method == "POST")
        r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// Every kind of route: bearer-protected (reads access_tokens), a login start (writes
// login_transactions), refresh and token grants (refresh_tokens), an import, the OpenAPI document.
const QList<Probe> &probes()
{
    static const QList<Probe> list = {
        {"icons", request("GET", "/api/icons", "Authorization: Bearer not-a-real-token-0123456789\r\n"), 401},
        {"oauth start", request("GET", "/api/auth/oauth/github"), 200},
        {"refresh",
         request("POST", "/api/auth/refresh", "Authorization: Bearer not-a-refresh-token-0123\r\n"), 401},
        {"token",
         request("POST", "/api/auth/token", "Content-Type: application/x-www-form-urlencoded\r\n",
                 "grant_type=refresh_token&refresh_token=not-a-refresh-token"),
         400},
        {"import",
         request(
             "POST", "/api/icons/import",
             "Authorization: Bearer not-a-real-token-0123456789\r\nContent-Type: application/json\r\n",
             "{\"name\":\"a\",\"svg\":\"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'/>\"}"),
         401},
        {"openapi", request("GET", "/api/openapi.json"), 200},
    };
    return list;
}

struct Answer
{
    int status = 0;
    QByteArray retryAfter;
    QByteArray contentType;
    QJsonObject json;
    QByteArray raw;
};

// One request on a fresh connection; returns as soon as one whole answer (head + Content-Length
// bytes) has arrived, whether or not the server keeps the connection open.
QByteArray exchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            static const QRegularExpression length(QStringLiteral("\r\ncontent-length:\\s*(\\d+)"),
                                                   QRegularExpression::CaseInsensitiveOption);
            const auto m = length.match(QString::fromLatin1(received.left(headEnd + 2)));
            const qsizetype bodyLength = m.hasMatch() ? m.captured(1).toLongLong() : 0;
            if (received.size() >= headEnd + 4 + bodyLength)
                break;
        }
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        received += socket.readAll();
    }
    return received;
}

Answer ask(quint16 port, const QByteArray &bytes)
{
    Answer a;
    a.raw = exchange(port, bytes);
    const qsizetype headEnd = a.raw.indexOf("\r\n\r\n");
    if (!a.raw.startsWith("HTTP/1.1 ") || headEnd < 0)
        return a;
    a.status = a.raw.mid(9, 3).toInt();
    const QList<QByteArray> lines = a.raw.left(headEnd).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "retry-after")
            a.retryAfter = line.mid(colon + 1).trimmed();
        else if (name == "content-type")
            a.contentType = line.mid(colon + 1).trimmed();
    }
    a.json = QJsonDocument::fromJson(a.raw.mid(headEnd + 4)).object();
    return a;
}

// A not-ready answer as the issue asks for it; an empty string when it is one.
QString notReadyProblem(const Answer &a)
{
    if (a.status != 503)
        return QStringLiteral("status %1").arg(a.status);
    bool ok = false;
    const int seconds = a.retryAfter.toInt(&ok);
    if (!ok || seconds < 1 || seconds > 30)
        return QStringLiteral("Retry-After '%1'").arg(QString::fromLatin1(a.retryAfter));
    if (!a.contentType.startsWith("application/json"))
        return QStringLiteral("Content-Type '%1'").arg(QString::fromLatin1(a.contentType));
    if (a.json.value("error").toString() != u"service_unavailable" ||
        a.json.value("message").toString().isEmpty() || a.json.value("requestId").toString().isEmpty() ||
        !a.json.contains("_tag"))
        return QStringLiteral("body %1").arg(
            QString::fromUtf8(QJsonDocument(a.json).toJson(QJsonDocument::Compact)));
    return {};
}

QProcessEnvironment environment(const DatabaseSettings &db)
{
    QProcessEnvironment env = ServerProcess::baseEnvironment(db);
    env.insert(QStringLiteral("OAUTH_GITHUB_CLIENT_ID"), QStringLiteral("startup-client"));
    env.insert(QStringLiteral("OAUTH_GITHUB_CLIENT_SECRET"), QStringLiteral("startup-secret"));
    env.insert(QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin"));
    return env;
}

} // namespace

class tst_Startup : public QObject
{
    Q_OBJECT

    // Fires every probe and the two health probes until readiness answers 200 (or `timeoutMs`
    // passes). Every answer before that must be a proper not-ready answer (or, once migrated but
    // before the readiness probe saw it, the ready one); never a 500. False with the reason.
    static bool fireUntilReady(ServerProcess &server, int timeoutMs, QString *failure,
                               int *notReady = nullptr)
    {
        int count = 0;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (const Probe &p : probes()) {
                const Answer a = ask(server.port(), p.request);
                const QString problem = notReadyProblem(a);
                if (problem.isEmpty()) {
                    ++count;
                } else if (a.status != p.readyStatus) {
                    *failure =
                        QStringLiteral("%1 answered %2 before the server was ready:\n%3\nserver log:\n%4")
                            .arg(QLatin1String(p.name), problem, QString::fromUtf8(a.raw),
                                 QString::fromUtf8(server.log()));
                    return false;
                }
            }
            const int live = ask(server.port(), request("GET", "/api/health/liveness")).status;
            if (live != 200) {
                *failure = QStringLiteral("liveness answered %1 during the start").arg(live);
                return false;
            }
            if (ask(server.port(), request("GET", "/api/health/readiness")).status == 200) {
                if (notReady)
                    *notReady = count;
                return true;
            }
        }
        *failure = QStringLiteral("never ready; server log:\n") + QString::fromUtf8(server.log());
        return false;
    }

    void expectReadyAnswers(ServerProcess &server)
    {
        for (const Probe &p : probes()) {
            const Answer a = ask(server.port(), p.request);
            QVERIFY2(a.status == p.readyStatus, qPrintable(QStringLiteral("%1 answered %2 once ready: %3")
                                                               .arg(QLatin1String(p.name))
                                                               .arg(a.status)
                                                               .arg(QString::fromUtf8(a.raw))));
        }
    }

    void expectNotReady(ServerProcess &server)
    {
        for (const Probe &p : probes()) {
            const Answer a = ask(server.port(), p.request);
            const QString problem = notReadyProblem(a);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(QStringLiteral("%1 before migrations: %2\n%3")
                                    .arg(QLatin1String(p.name), problem, QString::fromUtf8(a.raw))));
        }
        QCOMPARE(ask(server.port(), request("GET", "/api/health/liveness")).status, 200);
        QCOMPARE(ask(server.port(), request("GET", "/api/health/readiness")).status, 503);
    }

private Q_SLOTS:
    // A fresh database, nothing slowed down: whatever part of the start the requests hit, none is 500.
    void freshStart()
    {
        const DatabaseSettings db = TestPostgres::instance().createEmptyDatabase(QStringLiteral("fresh"));
        ServerProcess server(QStringLiteral(PARAMETRIC_SERVER_BINARY));
        QString error;
        QVERIFY2(server.start(environment(db), &error, ServerProcess::WaitFor::Listening), qPrintable(error));
        int notReady = 0;
        QVERIFY2(fireUntilReady(server, 30000, &error, &notReady), qPrintable(error));
        qInfo() << notReady << "not-ready answers during the start";
        expectReadyAnswers(server);
        QCOMPARE(server.stop(), 0);
    }

    // Another process holds the migration lock (replicas starting together), so the schema stays
    // missing for as long as this test likes: every route but health is 503 the whole time.
    void migrationsHeldBackByAnotherMigrator()
    {
        const DatabaseSettings db = TestPostgres::instance().createEmptyDatabase(QStringLiteral("locked"));
        {
            QSqlDatabase holder = openConnection(db, QStringLiteral("lock-holder"));
            QVERIFY(holder.isOpen());
            QSqlQuery lock(holder);
            QVERIFY(lock.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(Migrator::kAdvisoryLockKey)));

            ServerProcess server(QStringLiteral(PARAMETRIC_SERVER_BINARY));
            QString error;
            QVERIFY2(server.start(environment(db), &error, ServerProcess::WaitFor::Listening),
                     qPrintable(error));
            for (int round = 0; round < 3; ++round) {
                expectNotReady(server);
                QTest::qWait(200);
            }
            QVERIFY(
                lock.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(Migrator::kAdvisoryLockKey)));
            QVERIFY2(fireUntilReady(server, 30000, &error), qPrintable(error));
            expectReadyAnswers(server);
            QCOMPARE(server.stop(), 0);
            holder.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("lock-holder"));
    }

    // PG-9: the database is down when the server starts. It keeps retrying; meanwhile every route but
    // health is 503; once the database is back the migrations run and the routes answer normally.
    void databaseDownAtStart()
    {
        const DatabaseSettings db = TestPostgres::instance().createEmptyDatabase(QStringLiteral("down"));
        QString error;
        QVERIFY2(TestPostgres::instance().stop(&error), qPrintable(error));
        ServerProcess server(QStringLiteral(PARAMETRIC_SERVER_BINARY));
        QVERIFY2(server.start(environment(db), &error, ServerProcess::WaitFor::Listening), qPrintable(error));
        for (int round = 0; round < 3; ++round) {
            expectNotReady(server);
            QTest::qWait(300);
        }
        QVERIFY2(TestPostgres::instance().start(&error), qPrintable(error));
        QVERIFY2(fireUntilReady(server, 60000, &error), qPrintable(error));
        expectReadyAnswers(server);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Startup)
#include "tst_startup.moc"
