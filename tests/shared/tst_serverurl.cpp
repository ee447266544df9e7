// ServerUrl: the one check for server addresses (command line, environment, Settings, error page).
#include "net/serverurl.h"

#include <QTest>

#include <initializer_list>

namespace {

struct Row
{
    const char *name;
    const char *typed;
    const char *expected;
};

void addRows(std::initializer_list<Row> rows)
{
    for (const Row &row : rows)
        QTest::newRow(row.name) << QString::fromUtf8(row.typed) << QString::fromUtf8(row.expected);
}

} // namespace

class TestServerUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");
        addRows({
            {"no scheme → https", "icons.example.com", "https://icons.example.com"},
            {"no scheme with port", "icons.example.com:8443", "https://icons.example.com:8443"},
            {"no scheme localhost → https too", "localhost:4000", "https://localhost:4000"},
            {"https", "https://icons.example.com/", "https://icons.example.com"},
            {"upper case", "HTTPS://Icons.Example.COM", "https://icons.example.com"},
            {"default port dropped", "https://icons.example.com:443", "https://icons.example.com"},
            {"path prefix kept", "https://example.com/icons/", "https://example.com/icons"},
            {"spaces around", "  https://icons.example.com  ", "https://icons.example.com"},
            {"http localhost", "http://localhost:4000", "http://localhost:4000"},
            {"http 127.0.0.1", "http://127.0.0.1:4000", "http://127.0.0.1:4000"},
            {"http 127.x", "http://127.1.2.3:9", "http://127.1.2.3:9"},
            {"http ::1", "http://[::1]:4000", "http://[::1]:4000"},
            {"http *.localhost", "http://icons.localhost:4000", "http://icons.localhost:4000"},
        });
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
        addRows({
            {"empty", "", "Enter the server"},
            {"blank", "   ", "Enter the server"},
            {"http to another machine", "http://icons.example.com", "https://icons.example.com"},
            {"http to a LAN address", "http://192.168.1.20:4000", "https://192.168.1.20:4000"},
            {"http to localhost lookalike", "http://localhost.example.com", "only allowed"},
            {"ftp", "ftp://icons.example.com", "https://"},
            {"javascript", "javascript://alert(1)", "https://"},
            {"credentials", "https://ada:secret@icons.example.com", "user name"},
            {"query", "https://icons.example.com/?token=x", "query"},
            {"fragment", "https://icons.example.com/#x", "fragment"},
            {"space inside", "https://icons example.com", "spaces"},
            {"no host", "https://", "not a server address"},
            {"bad port", "https://icons.example.com:99999", "not a server address"},
        });
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
