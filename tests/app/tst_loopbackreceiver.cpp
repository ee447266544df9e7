// The native sign-in's loopback listener (security policy NA-9, NA-11, NA-12).
#include "loopbackreceiver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

namespace {
struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray referrerPolicy;
    QByteArray allow;
};

Answer send(const QUrl &url, const QByteArray &verb = "GET")
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(5000))
        return {};
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.referrerPolicy = reply->rawHeader("Referrer-Policy");
    a.allow = reply->rawHeader("Allow");
    reply->deleteLater();
    return a;
}
} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsLoopbackOnlyWithCallbackPath()
    {
        LoopbackReceiver r;
        QVERIFY(r.start(QStringLiteral("s1")));
        QVERIFY(r.isListening());
        QVERIFY(r.port() > 0);
        QCOMPARE(r.redirectUri().toString(), QStringLiteral("http://127.0.0.1:%1/callback").arg(r.port()));
        // Not reachable on another interface address: the socket is bound to 127.0.0.1 only.
        QTcpSocket probe;
        probe.connectToHost(QHostAddress(QStringLiteral("127.0.0.2")), r.port());
        QVERIFY(!probe.waitForConnected(1000) || probe.state() != QAbstractSocket::ConnectedState);
    }

    void acceptsTheValidCallbackOnce()
    {
        LoopbackReceiver r;
        QVERIFY(r.start(QStringLiteral("the-state")));
        QSignalSpy code(&r, &LoopbackReceiver::codeReceived);
        QUrl url = r.redirectUri();
        url.setQuery(QStringLiteral("code=abc123&state=the-state"));
        const Answer first = send(url);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.referrerPolicy, QByteArray("no-referrer"));
        QVERIFY(first.body.contains("signed in"));
        QVERIFY(!first.body.contains("http://") && !first.body.contains("https://")); // self-contained page
        QCOMPARE(code.count(), 1);
        QCOMPARE(code.at(0).at(0).toString(), QStringLiteral("abc123"));

        // Second hit (a reload, or the same code again): "already handled", nothing emitted.
        const Answer second = send(url);
        QCOMPARE(second.status, 200);
        QVERIFY(second.body.contains("already been handled"));
        QCOMPARE(code.count(), 1);
        r.stop();
        QVERIFY(!r.isListening());
    }

    void rejectsAForeignStateAndKeepsWaiting()
    {
        LoopbackReceiver r;
        QVERIFY(r.start(QStringLiteral("mine")));
        QSignalSpy code(&r, &LoopbackReceiver::codeReceived);
        QSignalSpy rejected(&r, &LoopbackReceiver::rejected);
        QSignalSpy failed(&r, &LoopbackReceiver::failed);
        QUrl forged = r.redirectUri();
        forged.setQuery(QStringLiteral("code=attacker&state=theirs"));
        const Answer a = send(forged);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.referrerPolicy, QByteArray("no-referrer"));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(code.count(), 0);
        QCOMPARE(failed.count(), 0);
        QUrl missing = r.redirectUri();
        missing.setQuery(QStringLiteral("code=attacker"));
        QCOMPARE(send(missing).status, 400);
        QCOMPARE(code.count(), 0);
        QVERIFY(r.isListening());

        QUrl real = r.redirectUri();
        real.setQuery(QStringLiteral("code=good&state=mine"));
        QCOMPARE(send(real).status, 200);
        QCOMPARE(code.count(), 1);
        QCOMPARE(code.at(0).at(0).toString(), QStringLiteral("good"));
    }

    void providerErrorFailsTheFlow()
    {
        LoopbackReceiver r;
        QVERIFY(r.start(QStringLiteral("st")));
        QSignalSpy failed(&r, &LoopbackReceiver::failed);
        QSignalSpy code(&r, &LoopbackReceiver::codeReceived);
        // The app closes the listener right away; the browser must still get its page.
        connect(&r, &LoopbackReceiver::failed, &r, &LoopbackReceiver::stop);
        QUrl url = r.redirectUri();
        url.setQuery(QStringLiteral("error=access_denied&state=st"));
        const Answer a = send(url);
        QCOMPARE(a.status, 200);
        QVERIFY(a.body.contains("Sign-in failed"));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("denied")));
        QCOMPARE(code.count(), 0);
        QVERIFY(!r.isListening());
    }

    void nonGetIs405AndOtherPathsAre404()
    {
        LoopbackReceiver r;
        QVERIFY(r.start(QStringLiteral("st")));
        QSignalSpy code(&r, &LoopbackReceiver::codeReceived);
        QUrl url = r.redirectUri();
        url.setQuery(QStringLiteral("code=x&state=st"));
        const Answer post = send(url, "POST");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.allow, QByteArray("GET"));
        QCOMPARE(send(url, "DELETE").status, 405);
        QUrl other = url;
        other.setPath(QStringLiteral("/elsewhere"));
        QCOMPARE(send(other).status, 404);
        QCOMPARE(code.count(), 0);
        QCOMPARE(send(url).status, 200); // still waiting for the real one
        QCOMPARE(code.count(), 1);
    }

    void timesOut()
    {
        LoopbackReceiver r;
        r.setTimeout(std::chrono::milliseconds(200));
        QVERIFY(r.start(QStringLiteral("st")));
        const quint16 port = r.port();
        QSignalSpy timedOut(&r, &LoopbackReceiver::timedOut);
        QSignalSpy failed(&r, &LoopbackReceiver::failed);
        QVERIFY(timedOut.wait(3000));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!r.isListening());
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!s.waitForConnected(1000));
    }

    void defaultTimeoutIsFiveMinutes()
    {
        LoopbackReceiver r;
        QCOMPARE(r.timeout(), std::chrono::milliseconds(std::chrono::minutes(5)));
        QVERIFY(r.start(QStringLiteral("st")));
        QVERIFY(r.remainingMs() > 4 * 60 * 1000);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
