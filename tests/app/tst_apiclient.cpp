// ApiClient against the real in-process server (TestServer on the throwaway PostgreSQL).
#include "apiclient.h"
#include "localsignin.h"
#include "serverprobe.h"

#include "core/clock.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {
const QByteArray Secret = "app-core-test-local-secret-0123456789";

bool waitFinished(ApiReply *reply, int ms = 15000)
{
    QSignalSpy spy(reply, &ApiReply::finished);
    return spy.wait(ms);
}
} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;

    bool signIn(ApiClient &api) { return signInLocally(api, Secret); }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = Secret;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void bearerRequestsWork()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signIn(api));
        ApiReply *me = api.get(QStringLiteral("/api/auth/me"));
        QString email;
        int status = 0;
        connect(me, &ApiReply::finished, this, [&] {
            status = me->status();
            email = me->json().value(QStringLiteral("id")).toString(); // the local user has no email
        });
        QVERIFY(waitFinished(me));
        QCOMPARE(status, 200);
        QVERIFY(!email.isEmpty());
        QCOMPARE(api.refreshRequestCount(), 0);
    }

    // TK-10: five concurrent requests with an expired access token → exactly one refresh, all succeed.
    void singleFlightRefreshUnderConcurrent401s()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signIn(api));
        const QString firstRefresh = api.refreshToken();
        QSignalSpy refreshed(&api, &ApiClient::tokensRefreshed);
        QSignalSpy signedOut(&api, &ApiClient::signedOut);
        // The server's clock moves past the access-token lifetime; the client still believes it valid,
        // so every request goes out with the old token and gets 401.
        m_clock->advance(16 * 60);

        QList<ApiReply *> replies;
        int ok = 0, finished = 0;
        for (int i = 0; i < 5; ++i) {
            ApiReply *r = api.get(QStringLiteral("/api/auth/me"));
            connect(r, &ApiReply::finished, this, [&ok, &finished, r] {
                ++finished;
                if (r->isOk())
                    ++ok;
            });
            replies << r;
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, 5, 20000);
        QCOMPARE(ok, 5);
        QCOMPARE(api.refreshRequestCount(), 1);
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(signedOut.count(), 0);
        QVERIFY(api.refreshToken() != firstRefresh); // rotated
    }

    void refreshFailureSignsOut()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signIn(api));
        // A refresh token the server does not know (e.g. revoked elsewhere), and an expired access token.
        ApiClient::Tokens t;
        t.accessToken = QStringLiteral("not-a-valid-access-token");
        t.refreshToken = QStringLiteral("not-a-valid-refresh-token");
        t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(600);
        api.setTokens(t);
        QSignalSpy signedOut(&api, &ApiClient::signedOut);
        ApiReply *r = api.get(QStringLiteral("/api/icons"));
        int status = 0;
        ApiReply::Outcome outcome = ApiReply::Outcome::Pending;
        connect(r, &ApiReply::finished, this, [&] {
            status = r->status();
            outcome = r->outcome();
        });
        QVERIFY(waitFinished(r));
        QCOMPARE(outcome, ApiReply::Outcome::HttpError);
        QCOMPARE(status, 401);
        QCOMPARE(signedOut.count(), 1);
        QVERIFY(!api.hasSession());
        QCOMPARE(api.refreshRequestCount(), 1);
    }

    void serverErrorMessagesAreSurfaced()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signIn(api));
        // Refine without a reference SVG is a 400 with a clear server message.
        ApiReply *r =
            api.post(QStringLiteral("/api/icons"), {{QStringLiteral("prompt"), QStringLiteral("arc")},
                                                    {QStringLiteral("intent"), QStringLiteral("refine")}});
        QString message, expected, code;
        int status = 0;
        connect(r, &ApiReply::finished, this, [&] {
            status = r->status();
            message = r->errorMessage();
            code = r->errorCode();
            expected = r->json().value(QStringLiteral("message")).toString();
        });
        QVERIFY(waitFinished(r));
        QCOMPARE(status, 400);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(message, expected);
        QVERIFY(!code.isEmpty());

        ApiReply *nf = api.get(QStringLiteral("/api/icons/00000000-0000-0000-0000-000000000000"));
        connect(nf, &ApiReply::finished, this, [&] {
            status = nf->status();
            message = nf->errorMessage();
            expected = nf->json().value(QStringLiteral("message")).toString();
        });
        QVERIFY(waitFinished(nf));
        QCOMPARE(status, 404);
        QCOMPARE(message, expected);
    }

    // Network failure → offline with tokens kept; the liveness probe brings it back online.
    void offlineThenOnline()
    {
        // A port nobody listens on (bound, then released) that a second server can take later.
        quint16 port = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost, 0));
            port = s.serverPort();
        }
        ApiClient api;
        api.setBackoff(100, 400);
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        ApiClient::Tokens t;
        t.accessToken = QStringLiteral("kept-access");
        t.refreshToken = QStringLiteral("kept-refresh");
        t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(600);
        api.setTokens(t);
        QSignalSpy online(&api, &ApiClient::onlineChanged);
        ApiReply *r = api.get(QStringLiteral("/api/icons"));
        ApiReply::Outcome outcome = ApiReply::Outcome::Pending;
        QString message;
        connect(r, &ApiReply::finished, this, [&] {
            outcome = r->outcome();
            message = r->errorMessage();
        });
        QVERIFY(waitFinished(r));
        QCOMPARE(outcome, ApiReply::Outcome::NetworkError);
        QVERIFY(!message.isEmpty());
        QVERIFY(!api.isOnline());
        QCOMPARE(online.count(), 1);
        QCOMPARE(api.refreshToken(), QStringLiteral("kept-refresh")); // not signed out
        QVERIFY(api.hasSession());

        // Probing keeps failing quietly for a while (backoff), then a server appears on that port.
        QTest::qWait(500);
        QVERIFY(!api.isOnline());
        ServerConfig config = TestServer::configFor(m_server->database(), {});
        config.port = port;
        ApiServer second(config);
        QString error;
        QVERIFY2(second.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(api.isOnline(), 5000);
        QCOMPARE(online.count(), 2);
        QCOMPARE(api.refreshToken(), QStringLiteral("kept-refresh"));
        bool done = false;
        second.shutdown(1000, [&] { done = true; });
        QTRY_VERIFY(done);
    }

    void canceledRequestsFinishSilently()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signIn(api));
        ApiReply *r = api.get(QStringLiteral("/api/icons"));
        ApiReply::Outcome outcome = ApiReply::Outcome::Pending;
        connect(r, &ApiReply::finished, this, [&] { outcome = r->outcome(); });
        r->abort();
        QCOMPARE(outcome, ApiReply::Outcome::Canceled);
        QVERIFY(api.isOnline());
    }

    // Settings asks the server before switching: a ready Parametric server, a dead port, and an
    // address that answers but is not one (the server's own 404 for another path prefix).
    void serverProbeAnswers()
    {
        ApiClient api;
        ServerProbe probe;
        probe.setApiClient(&api);
        probe.setTimeoutMs(5000);

        probe.setAddress(m_server->url().toString());
        QVERIFY(probe.valid());
        probe.check();
        QCOMPARE(probe.state(), ServerProbe::Checking);
        QTRY_COMPARE_WITH_TIMEOUT(probe.state(), ServerProbe::Ready, 15000);
        QVERIFY2(probe.message().contains(QStringLiteral("ready")), qPrintable(probe.message()));
        QVERIFY(api.isOnline());

        QTcpServer closed; // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        probe.setAddress(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QCOMPARE(probe.state(), ServerProbe::Idle);
        probe.check();
        QTRY_COMPARE_WITH_TIMEOUT(probe.state(), ServerProbe::Unreachable, 15000);
        QVERIFY2(probe.message().contains(QStringLiteral("cannot be reached")), qPrintable(probe.message()));
        QVERIFY2(api.isOnline(), "probing another server does not make the session offline");

        QUrl other = m_server->url();
        other.setPath(QStringLiteral("/not-here"));
        probe.setAddress(other.toString());
        probe.check();
        QTRY_COMPARE_WITH_TIMEOUT(probe.state(), ServerProbe::NotReady, 15000);
        QVERIFY2(probe.message().contains(QStringLiteral("404")), qPrintable(probe.message()));

        probe.setAddress(QStringLiteral("http://icons.example.com"));
        QVERIFY(!probe.valid());
        probe.check();
        QCOMPARE(probe.state(), ServerProbe::Idle);
        QVERIFY2(probe.message().contains(QStringLiteral("https://")), qPrintable(probe.message()));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
