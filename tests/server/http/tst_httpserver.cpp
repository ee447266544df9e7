// The HTTP layer over a real server and real sockets: routing, error bodies, headers, limits,
// timeouts, disconnects and database outages.
#include "db/database.h"
#include "http/apierror.h"
#include "http/httpserver.h"
#include "http/router.h"
#include "httpclient.h"
#include "pg/testpostgres.h"
#include "testserver.h"

#include <QElapsedTimer>

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>

class tst_HttpServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;

    static void verifyErrorShape(const HttpClient::Result &r, int status, const QString &code,
                                 const QString &tag)
    {
        QCOMPARE(r.status, status);
        QVERIFY2(r.header("Content-Type").startsWith("application/json"),
                 r.header("Content-Type").constData());
        const QJsonObject body = r.json();
        QCOMPARE(body.value("error").toString(), code);
        QCOMPARE(body.value("_tag").toString(), tag);
        QVERIFY(!body.value("message").toString().isEmpty());
        QCOMPARE(body.value("requestId").toString().toLatin1(), r.header("X-Request-Id"));
        verifyCommonHeaders(r);
    }

    static void verifyCommonHeaders(const HttpClient::Result &r)
    {
        QCOMPARE(r.header("Strict-Transport-Security"), QByteArray("max-age=31536000; includeSubDomains"));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(r.header("X-Frame-Options"), QByteArray("DENY"));
        QCOMPARE(r.header("Referrer-Policy"), QByteArray("strict-origin-when-cross-origin"));
        QVERIFY(r.header("Access-Control-Allow-Methods").contains("PATCH"));
        QVERIFY(!r.header("X-Request-Id").isEmpty());
    }

    // Raw answer → (status, headers, body)
    struct RawAnswer
    {
        int status = 0;
        QByteArray head;
        QJsonObject json;
    };
    static RawAnswer parseRaw(const QByteArray &raw)
    {
        RawAnswer a;
        const int split = raw.indexOf("\r\n\r\n");
        a.head = raw.left(split);
        a.status = raw.mid(9, 3).toInt();
        a.json = QJsonDocument::fromJson(raw.mid(split + 4)).object();
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(TestServer::Variables{
            {"CORS_ORIGINS", "http://localhost:3000,http://app.example"},
            {"API_MAX_BODY_BYTES", "65536"},
            {"API_READ_TIMEOUT_MS", "600"},
            {"API_IDLE_TIMEOUT_MS", "1500"},
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        m_http = std::make_unique<HttpClient>(m_server->url());

        Router &router = m_server->server().router();
        // Test-only routes that exercise the request helpers and the async answer path.
        router.post("/api/test/echo", [](const Request &request, Reply reply) {
            reply.respond([&] {
                const QJsonObject body = request.jsonObject();
                QJsonObject out;
                out["name"] = json::requiredString(body, "name", 1, 20);
                if (auto n = json::optionalInt(body, "count", 1, 100))
                    out["count"] = double(*n);
                if (auto b = json::optionalBool(body, "flag"))
                    out["flag"] = *b;
                return Response::json(out, 201);
            });
        });
        router.get("/api/test/items/{id}", [](const Request &request, Reply reply) {
            reply.send(Response::json(QJsonObject{{"id", request.param(u"id")},
                                                  {"limit", double(request.queryInt("limit", 20, 1, 100))}}));
        });
        router.get("/api/test/slow", [](const Request &, Reply reply) {
            QTimer::singleShot(150, [reply] { reply.send(Response::json(QJsonObject{{"slow", true}})); });
        });
        router.get("/api/test/worker", [](const Request &, Reply reply) {
            QThreadPool::globalInstance()->start([reply] {
                QThread::msleep(20);
                reply.send(Response::json(QJsonObject{{"thread", true}}));
            });
        });
        router.get("/api/test/throws",
                   [](const Request &, Reply) { throw std::runtime_error("SELECT secret FROM internals"); });
        router.get("/api/test/forgets", [](const Request &, Reply) {});
    }

    void cleanupTestCase()
    {
        m_http.reset();
        m_server.reset();
    }

    void liveness()
    {
        const auto r = m_http->get("/api/health/liveness");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{"status", "ok"}}));
        verifyCommonHeaders(r);
        QCOMPARE(m_http->get("/api/live").status, 200);
    }

    void readiness()
    {
        const auto r = m_http->get("/api/health/readiness");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{"status", "ok"}, {"checks", QJsonObject{{"database", true}}}}));
        QCOMPARE(m_http->get("/api/ready").status, 200);
    }

    void unknownPathIs404()
    {
        verifyErrorShape(m_http->get("/api/does-not-exist"), 404, "not_found", "NotFoundError");
        verifyErrorShape(m_http->get("/api/health/liveness/"), 404, "not_found", "NotFoundError");
        verifyErrorShape(m_http->get("/api/%2e%2e/health/liveness"), 404, "not_found", "NotFoundError");
    }

    void wrongMethodIs405WithAllow()
    {
        const auto r = m_http->request("DELETE", "/api/health/liveness");
        verifyErrorShape(r, 405, "method_not_allowed", "MethodNotAllowedError");
        QCOMPARE(r.header("Allow"), QByteArray("GET, HEAD, OPTIONS"));
        QCOMPARE(m_http->request("TRACE", "/api/health/liveness").status, 405);
        QCOMPARE(m_http->request("PUT", "/api/test/echo").header("Allow"), QByteArray("OPTIONS, POST"));
    }

    void headAnswersWithoutBody()
    {
        const auto r = m_http->request("HEAD", "/api/health/liveness");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("Content-Length"), QByteArray("15"));
        // The connection is still usable afterwards (framing intact).
        QCOMPARE(m_http->get("/api/health/liveness").status, 200);
    }

    void corsPreflightAndOrigins()
    {
        auto r =
            m_http->request("OPTIONS", "/api/test/echo", {},
                            {{"Origin", "http://app.example"}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("http://app.example"));
        QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
        QVERIFY(r.header("Access-Control-Allow-Headers").contains("X-API-Key"));
        QCOMPARE(r.header("Access-Control-Max-Age"), QByteArray("86400"));

        r = m_http->get("/api/health/liveness", {{"Origin", "http://evil.example"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
        QCOMPARE(r.header("Vary"), QByteArray("Origin"));

        // Errors carry CORS too, so a browser app can read them.
        r = m_http->get("/api/nope", {{"Origin", "http://localhost:3000"}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));

        QCOMPARE(m_http->request("OPTIONS", "/api/unknown").status, 404);
    }

    void requestIdEchoedOrGenerated()
    {
        auto r = m_http->get("/api/health/liveness", {{"X-Request-Id", "abc-123.x_y"}});
        QCOMPARE(r.header("X-Request-Id"), QByteArray("abc-123.x_y"));
        r = m_http->get("/api/health/liveness", {{"X-Request-Id", "bad id with spaces"}});
        QVERIFY(!r.header("X-Request-Id").isEmpty());
        QVERIFY(r.header("X-Request-Id") != "bad id with spaces");
        const auto a = m_http->get("/api/health/liveness").header("X-Request-Id");
        const auto b = m_http->get("/api/health/liveness").header("X-Request-Id");
        QVERIFY(a != b);
    }

    void pathParametersAndQueryValidation()
    {
        auto r = m_http->get("/api/test/items/abc%2Fdef?limit=5");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toString(), QString("abc/def"));
        QCOMPARE(r.json().value("limit").toInt(), 5);
        for (const char *bad :
             {"limit=0", "limit=-1", "limit=abc", "limit=1e3", "limit=999999999999999999999",
              "limit=", "limit=1&limit=2", "limit=101", "limit=1.5"}) {
            r = m_http->get(QStringLiteral("/api/test/items/x?") + QString::fromLatin1(bad));
            QVERIFY2(r.status == 400, bad);
            QCOMPARE(r.json().value("_tag").toString(), QString("ValidationError"));
            QCOMPARE(r.json().value("field").toString(), QString("limit"));
        }
    }

    void jsonBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("ok") << QByteArray("application/json") << QByteArray(R"({"name":"a","count":3})")
                            << 201 << QString();
        QTest::newRow("charset ok") << QByteArray("application/json; charset=UTF-8")
                                    << QByteArray(R"({"name":"a"})") << 201 << QString();
        QTest::newRow("no content type") << QByteArray() << QByteArray(R"({"name":"a"})") << 415 << QString();
        QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray(R"({"name":"a"})") << 415
                                    << QString();
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << QByteArray("name=a")
                              << 415 << QString();
        QTest::newRow("latin1") << QByteArray("application/json; charset=latin1")
                                << QByteArray(R"({"name":"a"})") << 415 << QString();
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray() << 400 << QString();
        QTest::newRow("truncated") << QByteArray("application/json") << QByteArray(R"({"name":)") << 400
                                   << QString();
        QTest::newRow("trailing comma")
            << QByteArray("application/json") << QByteArray(R"({"name":"a",})") << 400 << QString();
        QTest::newRow("NaN") << QByteArray("application/json") << QByteArray(R"({"name":"a","count":NaN})")
                             << 400 << QString();
        QTest::newRow("array") << QByteArray("application/json") << QByteArray(R"([{"name":"a"}])") << 400
                               << QString();
        QTest::newRow("scalar") << QByteArray("application/json") << QByteArray(R"("name")") << 400
                                << QString();
        QTest::newRow("invalid utf8")
            << QByteArray("application/json") << QByteArray("{\"name\":\"\xC3\x28\"}") << 400 << QString();
        QTest::newRow("overlong utf8")
            << QByteArray("application/json") << QByteArray("{\"name\":\"\xC0\xAF\"}") << 400 << QString();
        QTest::newRow("lone surrogate")
            << QByteArray("application/json") << QByteArray(R"({"name":"\ud800"})") << 400 << QString();
        QTest::newRow("NUL") << QByteArray("application/json") << QByteArray(R"({"name":"a\u0000b"})") << 400
                             << QString();
        QTest::newRow("deep") << QByteArray("application/json") << QByteArray(10000, '[') << 400 << QString();
        QTest::newRow("duplicate key") << QByteArray("application/json") << QByteArray(R"({"name":"a","name":"b"})") << 400 << QString();
        QTest::newRow("duplicate nested key") << QByteArray("application/json") << QByteArray(R"({"name":"a","x":{"k":1,"k":2}})") << 400 << QString();
        QTest::newRow("duplicate key through an escape")
            << QByteArray("application/json") << QByteArray(R"({"name":"a","n\u0061me":"b"})") << 400 << QString();
        QTest::newRow("duplicate nested key through an escape")
            << QByteArray("application/json") << QByteArray(R"({"name":"a","x":{"prompt":1,"prom\u0070t":2}})")
            << 400 << QString();
        QTest::newRow("duplicate key through a surrogate pair")
            << QByteArray("application/json") << QByteArray("{\"name\":\"a\",\"\xF0\x9F\x98\x80\":1,\"\\ud83d\\ude00\":2}")
            << 400 << QString();
        QTest::newRow("duplicate key through a short escape")
            << QByteArray("application/json") << QByteArray(R"({"name":"a","a/b":1,"a\/b":2})") << 400 << QString();
        QTest::newRow("escaped keys that differ")
            << QByteArray("application/json") << QByteArray("{\"name\":\"a\",\"n\\\"ame\":1,\"n\\\\ame\":2}") << 201 << QString();
        QTest::newRow("same key in siblings") << QByteArray("application/json") << QByteArray("{\"name\":\"a\",\"x\":[{\"k\":1},{\"k\":2}],\"y\":{\"k\":\"},\\\"k\"}}") << 201 << QString();
        QTest::newRow("missing field")
            << QByteArray("application/json") << QByteArray(R"({})") << 400 << QString("name");
        QTest::newRow("null field") << QByteArray("application/json") << QByteArray(R"({"name":null})") << 400
                                    << QString("name");
        QTest::newRow("wrong type") << QByteArray("application/json") << QByteArray(R"({"name":5})") << 400
                                    << QString("name");
        QTest::newRow("too long") << QByteArray("application/json")
                                  << QByteArray(R"({"name":"aaaaaaaaaaaaaaaaaaaaaaaaa"})") << 400
                                  << QString("name");
        QTest::newRow("1.5") << QByteArray("application/json") << QByteArray(R"({"name":"a","count":1.5})")
                             << 400 << QString("count");
        QTest::newRow("string number")
            << QByteArray("application/json") << QByteArray(R"({"name":"a","count":"10"})") << 400
            << QString("count");
        QTest::newRow("1e309") << QByteArray("application/json")
                               << QByteArray(R"({"name":"a","count":1e309})") << 400 << QString();
        QTest::newRow("2^63") << QByteArray("application/json")
                              << QByteArray(R"({"name":"a","count":9223372036854775808})") << 400
                              << QString("count");
        QTest::newRow("out of range") << QByteArray("application/json")
                                      << QByteArray(R"({"name":"a","count":101})") << 400 << QString("count");
        QTest::newRow("bool as string")
            << QByteArray("application/json") << QByteArray(R"({"name":"a","flag":"true"})") << 400
            << QString("flag");
    }

    void jsonBodies()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        QList<HttpClient::Header> headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        const auto r = m_http->request("POST", "/api/test/echo", body, headers);
        QCOMPARE(r.status, status);
        if (status >= 400) {
            QVERIFY(!r.json().value("message").toString().isEmpty());
            QCOMPARE(r.json().value("_tag").toString(),
                     status == 415 ? QString("UnsupportedMediaType") : QString("ValidationError"));
            if (!field.isEmpty())
                QCOMPARE(r.json().value("field").toString(), field);
        }
    }

    void handlerFailuresNeverLeak()
    {
        auto r = m_http->get("/api/test/throws");
        verifyErrorShape(r, 500, "internal_error", "InternalError");
        QVERIFY(!r.body.contains("SELECT"));
        r = m_http->get("/api/test/forgets");
        verifyErrorShape(r, 500, "internal_error", "InternalError");
    }

    void asyncAnswersFromTimersAndThreads()
    {
        QCOMPARE(m_http->get("/api/test/slow").json().value("slow").toBool(), true);
        QCOMPARE(m_http->get("/api/test/worker").json().value("thread").toBool(), true);
    }

    void announcedHugeBodyIs413AtOnce()
    {
        QElapsedTimer timer;
        timer.start();
        const QByteArray raw = HttpClient::raw(
            m_server->port(), "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              "Content-Length: 52428800\r\n\r\n{\"name\":");
        const RawAnswer a = parseRaw(raw);
        QCOMPARE(a.status, 413);
        QCOMPARE(a.json.value("_tag").toString(), QString("PayloadTooLarge"));
        QVERIFY(a.head.contains("Connection: close"));
        QVERIFY(a.head.contains("X-Content-Type-Options: nosniff"));
        QVERIFY(timer.elapsed() < 2000);
    }

    void chunkedBodyOverLimitIs413()
    {
        QByteArray request = "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                             "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 40; ++i)
            request += "800\r\n" + QByteArray(0x800, 'a') + "\r\n";
        const RawAnswer a = parseRaw(HttpClient::raw(m_server->port(), request));
        QCOMPARE(a.status, 413);
        QCOMPARE(a.json.value("error").toString(), QString("payload_too_large"));
    }

    void chunkedBodyWithinLimitWorks()
    {
        const QByteArray body = R"({"name":"chunky"})";
        const QByteArray request =
            "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
            "chunked\r\nConnection: close\r\n\r\n" +
            QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n";
        const RawAnswer a = parseRaw(HttpClient::raw(m_server->port(), request));
        QCOMPARE(a.status, 201);
        QCOMPARE(a.json.value("name").toString(), QString("chunky"));
    }

    void smugglingShapesAre400()
    {
        RawAnswer a = parseRaw(
            HttpClient::raw(m_server->port(), "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                              "5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        QCOMPARE(a.status, 400);
        a = parseRaw(
            HttpClient::raw(m_server->port(), "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                              "5\r\nContent-Length: 6\r\n\r\nhello!"));
        QCOMPARE(a.status, 400);
        a = parseRaw(HttpClient::raw(
            m_server->port(), "POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"));
        QCOMPARE(a.status, 400);
    }

    void oversizedHeadersAre431AndLongUrls414()
    {
        RawAnswer a = parseRaw(HttpClient::raw(
            m_server->port(),
            "GET /api/health/liveness HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20000, 'b') + "\r\n\r\n"));
        QCOMPARE(a.status, 431);
        QCOMPARE(a.json.value("_tag").toString(), QString("RequestHeaderFieldsTooLarge"));
        a = parseRaw(HttpClient::raw(m_server->port(),
                                     "GET /api/" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(a.status, 414);
    }

    void slowClientTimesOutWhileOthersAreServed()
    {
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(slow.waitForConnected(2000));
        slow.write("GET /api/health/liveness HTTP/1.1\r\nHost: x\r\n"); // never finishes its headers
        slow.flush();
        QElapsedTimer timer;
        timer.start();
        int served = 0;
        while (timer.elapsed() < 400) {
            QCOMPARE(m_http->get("/api/health/liveness").status, 200);
            ++served;
        }
        QVERIFY(served > 5);
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 3000);
        const QByteArray answer = slow.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    }

    void idleKeepAliveConnectionsAreClosed()
    {
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(idle.waitForConnected(2000));
        idle.write("GET /api/health/liveness HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(idle.bytesAvailable() > 0, 2000);
        QVERIFY(idle.readAll().startsWith("HTTP/1.1 200"));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 4000);
    }

    void slowAnswersAreNotTimedOutAsIdle()
    {
        // The read timeout is 600 ms; a handler may take longer than that without the guard interfering.
        m_server->server().router().get("/api/test/slower", [](const Request &, Reply reply) {
            QTimer::singleShot(900, [reply] { reply.send(Response::json(QJsonObject{{"done", true}})); });
        });
        QCOMPARE(m_http->get("/api/test/slower").status, 200);
    }

    void thousandClientsDisconnectingEarly()
    {
        for (int batch = 0; batch < 10; ++batch) {
            std::vector<std::unique_ptr<QTcpSocket>> sockets;
            for (int i = 0; i < 100; ++i) {
                auto socket = std::make_unique<QTcpSocket>();
                socket->connectToHost(QHostAddress::LocalHost, m_server->port());
                sockets.push_back(std::move(socket));
            }
            // The server runs in this thread: connect asynchronously and let the event loop accept.
            QTRY_VERIFY_WITH_TIMEOUT(
                std::all_of(sockets.begin(), sockets.end(),
                            [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }),
                5000);
            for (auto &socket : sockets) {
                const QByteArray path = (batch % 2) ? "/api/test/slow" : "/api/test/worker";
                socket->write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                socket->flush();
            }
            QTest::qWait(20); // let the server read the requests
            for (auto &socket : sockets)
                socket->abort(); // leave before the answer
        }
        QTest::qWait(400); // the delayed answers now find their clients gone
        QCOMPARE(m_http->get("/api/health/liveness").status, 200);
        QCOMPARE(m_http->get("/api/test/slow").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->server().http().inFlight(), 0, 3000);
    }

    void connectionCapSheds503()
    {
        TestServer capped({{"API_MAX_CONNECTIONS", "3"}}, {}, m_server->database());
        QVERIFY2(capped.start(), qPrintable(capped.error()));
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 3; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, capped.port());
            QVERIFY(s->waitForConnected(2000));
            held.push_back(std::move(s));
        }
        QTest::qWait(50);
        const RawAnswer a =
            parseRaw(HttpClient::raw(capped.port(), "GET /api/health/liveness HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(a.status, 503);
        QCOMPARE(a.json.value("_tag").toString(), QString("ServiceUnavailableError"));
        held.clear();
        QTRY_COMPARE_WITH_TIMEOUT(capped.server().http().openConnections(), 0, 3000);
        QCOMPARE(HttpClient(capped.url()).get("/api/health/liveness").status, 200);
    }

    void databaseOutageAndRecovery()
    {
        QCOMPARE(m_http->get("/api/health/readiness").status, 200);
        QString error;
        QVERIFY2(TestPostgres::instance().stop(&error), qPrintable(error));
        // Readiness reports the outage within 2 s (each probe answers well inside that, too).
        QElapsedTimer timer;
        timer.start();
        HttpClient::Result r;
        do {
            QElapsedTimer probe;
            probe.start();
            r = m_http->get("/api/health/readiness");
            QVERIFY(probe.elapsed() < 2000);
        } while (r.status == 200 && timer.elapsed() < 2000);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json(), (QJsonObject{{"status", "error"}, {"checks", QJsonObject{{"database", false}}}}));
        QVERIFY(!r.header("Retry-After").isEmpty());
        QCOMPARE(m_http->get("/api/health/liveness").status, 200); // liveness does not depend on the database

        QVERIFY2(TestPostgres::instance().start(&error), qPrintable(error));
        timer.restart();
        int status = 0;
        while (timer.elapsed() < 5000 && (status = m_http->get("/api/health/readiness").status) != 200)
            QTest::qWait(100);
        QCOMPARE(status, 200);
    }
};

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
