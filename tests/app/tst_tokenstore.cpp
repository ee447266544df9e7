// TokenStore: the in-memory backend, key naming, and the keychain's "unavailable" fallback.
#include "tokenstore.h"

#include <QSignalSpy>
#include <QTest>

namespace {
struct ReadResult
{
    TokenStore::Status status = TokenStore::Status::Unavailable;
    QString value;
    bool done = false;
};

ReadResult readSync(TokenStore &store, const QString &key)
{
    ReadResult r;
    store.read(key, [&r](TokenStore::Status s, const QString &v, const QString &) {
        r.status = s;
        r.value = v;
        r.done = true;
    });
    (void)QTest::qWaitFor([&] { return r.done; }, 10000);
    return r;
}

TokenStore::Status writeSync(TokenStore &store, const QString &key, const QString &value)
{
    TokenStore::Status status = TokenStore::Status::NotFound;
    bool done = false;
    store.write(key, value, [&](TokenStore::Status s, const QString &) {
        status = s;
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done; }, 10000);
    return status;
}
} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyIsPerServerAndAccount()
    {
        const QString a =
            TokenStore::refreshTokenKey(QUrl(QStringLiteral("https://icons.example.com/some/path?x=1")),
                                        QStringLiteral("ann@example.com"));
        QCOMPARE(a, QStringLiteral("refresh-token:https://icons.example.com:ann@example.com"));
        QVERIFY(a != TokenStore::refreshTokenKey(QUrl(QStringLiteral("https://icons.example.com:8443")),
                                                 QStringLiteral("ann@example.com")));
        QVERIFY(a != TokenStore::refreshTokenKey(QUrl(QStringLiteral("https://icons.example.com")),
                                                 QStringLiteral("bob@example.com")));
        // User info never becomes part of the key.
        QVERIFY(
            !TokenStore::refreshTokenKey(QUrl(QStringLiteral("https://u:p@h.example")), QStringLiteral("x"))
                 .contains(QStringLiteral("u:p")));
    }

    void inMemoryRoundTrip()
    {
        InMemoryTokenStore store;
        QCOMPARE(readSync(store, QStringLiteral("k")).status, TokenStore::Status::NotFound);
        QCOMPARE(writeSync(store, QStringLiteral("k"), QStringLiteral("secret-1")), TokenStore::Status::Ok);
        ReadResult r = readSync(store, QStringLiteral("k"));
        QCOMPARE(r.status, TokenStore::Status::Ok);
        QCOMPARE(r.value, QStringLiteral("secret-1"));
        QCOMPARE(writeSync(store, QStringLiteral("k"), QStringLiteral("secret-2")), TokenStore::Status::Ok);
        QCOMPARE(readSync(store, QStringLiteral("k")).value, QStringLiteral("secret-2"));
        bool removed = false;
        store.remove(QStringLiteral("k"),
                     [&](TokenStore::Status s, const QString &) { removed = s == TokenStore::Status::Ok; });
        QTRY_VERIFY(removed);
        QCOMPARE(readSync(store, QStringLiteral("k")).status, TokenStore::Status::NotFound);
    }

    void inMemoryAnswersAsynchronously()
    {
        InMemoryTokenStore store;
        bool called = false;
        store.write(QStringLiteral("k"), QStringLiteral("v"),
                    [&](TokenStore::Status, const QString &) { called = true; });
        QVERIFY(!called); // like the real keychain: never inside the call
        QTRY_VERIFY(called);
    }

    // Without any D-Bus session the keychain fails at once (error, not a hang): the secret is kept
    // for this session, `unavailable` fires once, nothing is written anywhere else.
    void keychainUnavailableFallsBackToSession()
    {
        if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        KeychainTokenStore store(QStringLiteral("io.parametric.icons.test-unavailable"));
        QSignalSpy unavailable(&store, &KeychainTokenStore::unavailable);
        QCOMPARE(writeSync(store, QStringLiteral("k"), QStringLiteral("session-secret")),
                 TokenStore::Status::Unavailable);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!store.isAvailable());
        QVERIFY(!store.lastError().isEmpty());
        const ReadResult r = readSync(store, QStringLiteral("k"));
        QCOMPARE(r.value, QStringLiteral("session-secret"));
        QCOMPARE(r.status, TokenStore::Status::Ok);
        QCOMPARE(unavailable.count(), 1); // one notice, not one per job
        bool removed = false;
        store.remove(QStringLiteral("k"), [&](TokenStore::Status, const QString &) { removed = true; });
        QTRY_VERIFY(removed);
        QVERIFY(readSync(store, QStringLiteral("k")).value.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
