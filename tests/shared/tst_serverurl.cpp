// ServerUrl: the one check for server addresses (command line, environment, Settings, error page).
#include "net/serverurl.h"

#include <QTest>

class TestServerUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");
        QTest::newRow("no scheme → https") << "icons.example.com"
                                           << "https://icons.example.com";
        QTest::newRow("no scheme with port") << "icons.example.com:8443"
                                             << "https://icons.example.com:8443";
        QTest::newRow("no scheme localhost → https too") << "localhost:4000"
                                                         << "https://localhost:4000";
        QTest::newRow("https") << "https://icons.example.com/"
                               << "https://icons.example.com";
        QTest::newRow("upper case") << "HTTPS://Icons.Example.COM"
                                    << "https://icons.example.com";
        QTest::newRow("default port dropped") << "https://icons.example.com:443"
                                              << "https://icons.example.com";
        QTest::newRow("path prefix kept") << "https://example.com/icons/"
                                          << "https://example.com/icons";
        QTest::newRow("spaces around") << "  https://icons.example.com  "
                                       << "https://icons.example.com";
        QTest::newRow("http localhost") << "http://localhost:4000"
                                        << "http://localhost:4000";
        QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:4000"
                                        << "http://127.0.0.1:4000";
        QTest::newRow("http 127.x") << "http://127.1.2.3:9"
                                    << "http://127.1.2.3:9";
        QTest::newRow("http ::1") << "http://[::1]:4000"
                                  << "http://[::1]:4000";
        QTest::newRow("http *.localhost") << "http://icons.localhost:4000"
                                          << "http://icons.localhost:4000";
    }
    void accepted()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        const ServerUrl parsed = ServerUrl::parse(typed);
        QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
        QCOMPARE(parsed.url.toString(), url);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("mentions"); // part of the message the user reads
        QTest::newRow("empty") << ""
                               << "Enter the server";
        QTest::newRow("blank") << "   "
                               << "Enter the server";
        QTest::newRow("http to another machine") << "http://icons.example.com"
                                                 << "https://icons.example.com";
        QTest::newRow("http to a LAN address") << "http://192.168.1.20:4000"
                                               << "https://192.168.1.20:4000";
        QTest::newRow("http to localhost lookalike") << "http://localhost.example.com"
                                                     << "only allowed";
        QTest::newRow("ftp") << "ftp://icons.example.com"
                             << "https://";
        QTest::newRow("javascript") << "javascript://alert(1)"
                                    << "https://";
        QTest::newRow("credentials") << "https://ada:secret@icons.example.com"
                                     << "user name";
        QTest::newRow("query") << "https://icons.example.com/?token=x"
                               << "query";
        QTest::newRow("fragment") << "https://icons.example.com/#x"
                                  << "fragment";
        QTest::newRow("space inside") << "https://icons example.com"
                                      << "spaces";
        QTest::newRow("no host") << "https://"
                                 << "not a server address";
        QTest::newRow("bad port") << "https://icons.example.com:99999"
                                  << "not a server address";
    }
    void refused()
    {
        QFETCH(QString, typed);
        QFETCH(QString, mentions);
        const ServerUrl parsed = ServerUrl::parse(typed);
        QVERIFY2(!parsed.isValid(), qPrintable(parsed.url.toString()));
        QVERIFY2(parsed.error.contains(mentions), qPrintable(parsed.error));
        QVERIFY(parsed.url.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"
