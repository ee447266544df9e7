// One real QtKeychain round trip (libsecret → gnome-keyring). Run by run-keychain-test.sh inside
// dbus-run-session with an unlocked gnome-keyring-daemon.
#include "tokenstore.h"

#include <QRandomGenerator>
#include <QTest>

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run through run-keychain-test.sh");
        KeychainTokenStore store(QStringLiteral("io.parametric.icons.test"));
        const QString key = TokenStore::refreshTokenKey(QUrl(QStringLiteral("https://icons.example.com")),
                                                        QStringLiteral("keychain-test@example.com"));
        const QString secret = QString::number(QRandomGenerator::system()->generate64(), 16);

        TokenStore::Status ws = TokenStore::Status::NotFound;
        QString error;
        bool done = false;
        store.write(key, secret, [&](TokenStore::Status s, const QString &e) {
            ws = s;
            error = e;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(ws == TokenStore::Status::Ok, qPrintable(error));
        QVERIFY(store.isAvailable());

        // A second store object (as after an app restart) reads it back from the keychain itself.
        KeychainTokenStore again(QStringLiteral("io.parametric.icons.test"));
        QString value;
        TokenStore::Status rs = TokenStore::Status::Unavailable;
        done = false;
        again.read(key, [&](TokenStore::Status s, const QString &v, const QString &) {
            rs = s;
            value = v;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(rs, TokenStore::Status::Ok);
        QCOMPARE(value, secret);

        done = false;
        TokenStore::Status del = TokenStore::Status::Unavailable;
        again.remove(key, [&](TokenStore::Status s, const QString &) {
            del = s;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(del, TokenStore::Status::Ok);

        done = false;
        again.read(key, [&](TokenStore::Status s, const QString &, const QString &) {
            rs = s;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(rs, TokenStore::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
