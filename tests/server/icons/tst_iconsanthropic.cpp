// POST /api/icons with the Anthropic generator, configured the way an operator configures it
// (ANTHROPIC_API_KEY + ANTHROPIC_BASE_URL pointing at the fake Anthropic, no ICON_GENERATOR), raw-SVG
// output (ANTHROPIC_OUTPUT=svg; scenes through tool use are in tst_iconscenes):
// a success is stored; every scripted failure answers the mapped status and stores nothing (rows
// counted); a client that disconnects mid-generation still gets its icon stored; the per-user
// in-flight limit (429) and the global upstream cap (503) hold, each with an integral Retry-After.
#include "anthropic/fakeanthropic.h"
#include "core/clock.h"
#include "db/database.h"
#include "db/sqlquery.h"
#include "server/httpclient.h"
#include "server/testserver.h"
#include "testaccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>

namespace {

// The original's arch example (original-system.md §5.2 item 8): conforms to the design system.
const QString kArch = QStringLiteral(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
    "<g id=\"Guide\" stroke=\"#71717a\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\" fill=\"none\">"
    "<line x1=\"4\" y1=\"28\" x2=\"28\" y2=\"28\"/><line x1=\"16\" y1=\"4\" x2=\"16\" y2=\"28\"/></g>"
    "<g id=\"Primary\" stroke=\"#000000\" stroke-width=\"1\" fill=\"none\" stroke-linecap=\"round\" "
    "stroke-linejoin=\"round\"><path d=\"M 4,28 Q 4,4 16,4 Q 28,4 28,28\"/></g>"
    "<g id=\"Grips\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"0.5\">"
    "<rect x=\"3\" y=\"27\" width=\"2\" height=\"2\"/><rect x=\"15\" y=\"3\" width=\"2\" height=\"2\"/>"
    "<rect x=\"27\" y=\"27\" width=\"2\" height=\"2\"/></g></svg>");

int retryAfter(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.toInt(&ok);
    return ok ? seconds : -1;
}

} // namespace

class TestIconsAnthropic : public QObject
{
    Q_OBJECT

private:
    FakeAnthropic m_fake;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_nam;

    Database &db() { return m_server->server().database(); }

    qint64 scalar(const QString &sql, const QString &userId = {})
    {
        SqlQuery q(db().connection(), sql);
        if (!userId.isEmpty())
            q.bind(QStringLiteral(":user"), userId);
        q.exec();
        q.next();
        return q.value(0).toLongLong();
    }
    qint64 storedIcons(const QString &userId)
    {
        return scalar(QStringLiteral("SELECT count(*) FROM assets WHERE user_id = :user::uuid"), userId);
    }
    qint64 allIcons() { return scalar(QStringLiteral("SELECT count(*) FROM assets")); }
    qint64 leases() { return scalar(QStringLiteral("SELECT count(*) FROM generation_leases")); }

    struct Client
    {
        TestAccount account;
        std::unique_ptr<HttpClient> http;
    };
    Client signIn()
    {
        Client c;
        c.account = createTestAccount(db(), m_clock->now());
        c.http = std::make_unique<HttpClient>(m_server->url());
        c.http->setBearer(c.account.token);
        return c;
    }

    // A POST that does not wait: the test keeps the event loop turning (QTRY_*) for the fake.
    QNetworkReply *postAsync(const Client &c, const QJsonObject &body)
    {
        QNetworkRequest request(m_server->url().resolved(QUrl(QStringLiteral("/api/icons"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer " + c.account.token);
        return m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fake.start());
        ApiServerOptions options;
        options.clock = m_clock;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ANTHROPIC_API_KEY"), m_fake.apiKey},
                                  {QStringLiteral("ANTHROPIC_BASE_URL"), m_fake.baseUrl().toString()},
                                  {QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("svg")},
                                  {QStringLiteral("GENERATION_MAX_CONCURRENT"), QStringLiteral("2")},
                                  {QStringLiteral("GENERATION_TIMEOUT_S"), QStringLiteral("20")}},
            options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void init() { m_fake.clear(); }

    void successIsStored()
    {
        Client c = signIn();
        m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        const auto r =
            c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch through three points"}});
        QCOMPARE(r.status, 201);
        const QJsonObject icon = r.json();
        QCOMPARE(icon.value("variants").toArray().size(), 1);
        QCOMPARE(icon.value("variants").toArray()[0].toObject().value("name").toString(),
                 QStringLiteral("Arch"));
        QVERIFY(icon.value("svg").toString().contains(QLatin1String("Q 28,4 28,28")) ||
                icon.value("svg").toString().contains(QLatin1String("28")));
        QCOMPARE(m_fake.scriptedRequestCount(), 1);
        // What our server sent upstream: the real endpoint, key header and API version.
        const FakeAnthropic::RecordedRequest &sent = m_fake.requests().constLast();
        QCOMPARE(sent.path, QByteArray("/v1/messages"));
        QCOMPARE(sent.header("x-api-key"), m_fake.apiKey.toUtf8());
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(sent.json().value("messages").toArray().size() >= 1);

        QCOMPARE(storedIcons(c.account.userId), 1);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons"))
                     .json()
                     .value("data")
                     .toArray()[0]
                     .toObject()
                     .value("id"),
                 icon.value("id"));
        QCOMPARE(leases(), 0);
    }

    void maliciousOutputIsSanitisedBeforeStorage()
    {
        Client c = signIn();
        QString evil = kArch;
        evil.replace(
            QStringLiteral("<g id=\"Guide\""),
            QStringLiteral("<script>fetch('//evil.test')</script><g onclick=\"alert(1)\" id=\"Guide\""));
        evil.replace(
            QStringLiteral("</svg>"),
            QStringLiteral("<foreignObject><iframe src=\"javascript:alert(1)\"/></foreignObject></svg>"));
        m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), evil}}));
        m_fake.enqueue(
            FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}})); // in case of a design retry
        const auto r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}});
        QCOMPARE(r.status, 201);
        SqlQuery q(
            db().connection(),
            QStringLiteral("SELECT lower(svg || variants::text) FROM assets WHERE user_id = :user::uuid"));
        q.bind(QStringLiteral(":user"), c.account.userId).exec();
        QVERIFY(q.next());
        const QString stored = q.value(0).toString();
        for (const char *forbidden :
             {"script", "onclick", "javascript:", "foreignobject", "iframe", "evil.test"})
            QVERIFY2(!stored.contains(QLatin1String(forbidden)), forbidden);
    }

    void failuresStoreNothing_data()
    {
        QTest::addColumn<QList<FakeAnthropic::Answer>>("answers");
        QTest::addColumn<int>("status");
        auto times = [](const FakeAnthropic::Answer &a, int n) { return QList<FakeAnthropic::Answer>(n, a); };
        QTest::newRow("400 invalid_request")
            << times(
                   FakeAnthropic::error(400, QStringLiteral("invalid_request_error"), QStringLiteral("bad")),
                   3)
            << 502;
        QTest::newRow("401 authentication")
            << times(FakeAnthropic::error(401, QStringLiteral("authentication_error"),
                                          QStringLiteral("invalid x-api-key")),
                     3)
            << 502;
        QTest::newRow("403 permission")
            << times(FakeAnthropic::error(403, QStringLiteral("permission_error"), QStringLiteral("no")), 3)
            << 502;
        QTest::newRow("413 html") << times(FakeAnthropic::htmlTooLarge(), 3) << 502;
        QTest::newRow("max_tokens")
            << times(FakeAnthropic::message(QStringLiteral("{\"id\":\"v1\",\"name\":\"A\",\"svg\":\"<svg"),
                                            QStringLiteral("max_tokens")),
                     3)
            << 502;
        QTest::newRow("refusal") << times(FakeAnthropic::message(QStringLiteral("I can't help with that."),
                                                                 QStringLiteral("refusal")),
                                          3)
                                 << 502;
        QTest::newRow("prose without svg")
            << times(FakeAnthropic::message(QStringLiteral("Here is an idea: draw an arc.")), 3) << 502;
        QTest::newRow("invalid json") << times(FakeAnthropic::invalidJson(), 3) << 502;
        QTest::newRow("429 retry-after 1") << times(FakeAnthropic::rateLimited(1), 3) << 503;
        QTest::newRow("500") << times(FakeAnthropic::error(500, QStringLiteral("api_error"),
                                                           QStringLiteral("boom")),
                                      3)
                             << 503;
        QTest::newRow("529 overloaded") << times(FakeAnthropic::overloaded(), 3) << 503;
        // A reset after part of the body is either a connection error (retried, then 503) or, when
        // the client saw the truncated body end, unusable output (502): either way nothing is stored.
        QTest::newRow("connection reset") << times(FakeAnthropic::connectionReset(), 3) << 0;
    }

    void failuresStoreNothing()
    {
        QFETCH(QList<FakeAnthropic::Answer>, answers);
        QFETCH(int, status);
        Client c = signIn();
        for (const auto &a : answers)
            m_fake.enqueue(a);
        const qint64 before = allIcons();
        const auto r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "fillet two curves"}});
        if (status == 0)
            QVERIFY2(r.status == 502 || r.status == 503, qPrintable(QString::number(r.status)));
        else
            QCOMPARE(r.status, status);
        const QJsonObject body = r.json();
        QVERIFY(!body.value("error").toString().isEmpty());
        QVERIFY(!body.value("requestId").toString().isEmpty());
        // Never the key or upstream text.
        QVERIFY(!r.body.contains(m_fake.apiKey.toUtf8()));
        for (const char *upstream : {"invalid x-api-key", "boom", "can't help", "Overloaded", "<html"})
            QVERIFY2(!r.body.contains(upstream), upstream);
        if (r.status == 503) {
            const int wait = retryAfter(r.header("Retry-After"));
            QVERIFY2(wait >= 1, r.header("Retry-After").constData());
        }
        QCOMPARE(allIcons(), before);
        QCOMPARE(storedIcons(c.account.userId), 0);
        QCOMPARE(leases(), 0);
        // The failure counted toward the user's rate (it cost an upstream call).
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                   c.account.userId),
            1);
    }

    // HT-14 + issue 4 point 6: the client hangs up while the upstream call runs; nothing crashes and
    // the finished icon is stored and listed.
    void disconnectDuringGenerationStillStores()
    {
        Client c = signIn();
        m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(1200));
        const QByteArray body = R"({"prompt":"arch"})";
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("POST /api/icons HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                     c.account.token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket.flush();
        QTRY_COMPARE_WITH_TIMEOUT(int(m_fake.requests().size()), 1, 5000);
        socket.abort(); // gone before the answer
        QTRY_COMPARE_WITH_TIMEOUT(storedIcons(c.account.userId), qint64(1), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(leases(), qint64(0), 5000);
        const QJsonObject page = c.http->get(QStringLiteral("/api/icons")).json();
        QCOMPARE(page.value("total").toInt(), 1);
        QCOMPARE(c.http->get(QStringLiteral("/api/health/liveness")).status, 200);
    }

    void secondConcurrentGenerationsAreLimited()
    {
        Client c = signIn();
        for (int i = 0; i < 2; ++i)
            m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(1500));
        QNetworkReply *first = postAsync(c, {{"prompt", "arch one"}});
        QNetworkReply *second = postAsync(c, {{"prompt", "arch two"}});
        QTRY_COMPARE_WITH_TIMEOUT(int(m_fake.requests().size()), 2, 5000);

        const auto third = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch three"}});
        QCOMPARE(third.status, 429);
        const int wait = retryAfter(third.header("Retry-After"));
        QVERIFY2(wait >= 1 && wait <= 60, third.header("Retry-After").constData());
        QCOMPARE(third.json().value("_tag").toString(), QStringLiteral("RateLimitError"));

        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished() && second->isFinished(), 10000);
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        first->deleteLater();
        second->deleteLater();
        QCOMPARE(storedIcons(c.account.userId), 2);
        QCOMPARE(leases(), 0);
    }

    void globalUpstreamCapAnswers503()
    {
        Client a = signIn(), b = signIn(), late = signIn();
        for (int i = 0; i < 2; ++i)
            m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(1500));
        QNetworkReply *first = postAsync(a, {{"prompt", "arch a"}});
        QNetworkReply *second = postAsync(b, {{"prompt", "arch b"}});
        QTRY_COMPARE_WITH_TIMEOUT(int(m_fake.requests().size()), 2, 5000);

        const auto refused = late.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch late"}});
        QCOMPARE(refused.status, 503);
        const int wait = retryAfter(refused.header("Retry-After"));
        QVERIFY2(wait >= 1 && wait <= 60, refused.header("Retry-After").constData());
        QCOMPARE(refused.json().value("_tag").toString(), QStringLiteral("ServiceUnavailableError"));
        QCOMPARE(int(m_fake.requests().size()), 2); // the refused one never went upstream

        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished() && second->isFinished(), 10000);
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        first->deleteLater();
        second->deleteLater();
        QCOMPARE(storedIcons(late.account.userId), 0);
        QCOMPARE(leases(), 0);
    }

    // RL-3: a daily budget of upstream generations, all users together (GENERATION_DAILY_BUDGET, here
    // 3, on a database of its own). Past it every user gets 503 with a Retry-After that reaches the
    // moment the oldest of them is a day old, nothing goes upstream, and a day later it works again.
    // The local user (integrated mode, single-user installs) is not held to it, nor to the per-user
    // rate: 12 generations in a row pass while GENERATION_RATE_PER_MIN is 10.
    void dailyBudgetAndTheLocalUser()
    {
        const QByteArray secret = "budget-test-local-secret-0123456789";
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = secret;
        TestServer server(
            TestServer::Variables{{QStringLiteral("ANTHROPIC_API_KEY"), m_fake.apiKey},
                                  {QStringLiteral("ANTHROPIC_BASE_URL"), m_fake.baseUrl().toString()},
                                  {QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("svg")},
                                  {QStringLiteral("GENERATION_DAILY_BUDGET"), QStringLiteral("3")}},
            options);
        QVERIFY2(server.start(), qPrintable(server.error()));
        Database &database = server.server().database();
        auto client = [&](const TestAccount &account) {
            auto http = std::make_unique<HttpClient>(server.url());
            http->setBearer(account.token);
            return http;
        };

        for (int i = 0; i < 3; ++i) {
            m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
            auto http = client(createTestAccount(database, m_clock->now()));
            QCOMPARE(http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}}).status, 201);
            m_clock->advance(60);
        }
        m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        auto late = client(createTestAccount(database, m_clock->now()));
        const auto refused = late->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}});
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.json().value("_tag").toString(), QStringLiteral("ServiceUnavailableError"));
        QVERIFY(
            refused.json().value("message").toString().contains(QStringLiteral("daily generation budget")));
        const int wait = retryAfter(refused.header("Retry-After"));
        // The first of the three was admitted 180 s ago: it is a day old in 24 h - 180 s.
        QCOMPARE(wait, 24 * 60 * 60 - 180);
        QCOMPARE(m_fake.scriptedRequestCount(), 3);

        HttpClient local(server.url());
        const auto signIn =
            local.postJson(QStringLiteral("/api/auth/local"), {{"secret", QString::fromLatin1(secret)}});
        QCOMPARE(signIn.status, 200);
        local.setBearer(signIn.json().value("accessToken").toString().toLatin1());
        for (int i = 0; i < 12; ++i) {
            m_fake.enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
            const auto r = local.postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}});
            QVERIFY2(r.status == 201, qPrintable(QStringLiteral("local generation %1: %2 %3")
                                                     .arg(i + 1)
                                                     .arg(r.status)
                                                     .arg(QString::fromUtf8(r.body))));
        }

        m_clock->advance(wait);
        QCOMPARE(late->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}}).status, 201);
    }
};

QTEST_GUILESS_MAIN(TestIconsAnthropic)
#include "tst_iconsanthropic.moc"
