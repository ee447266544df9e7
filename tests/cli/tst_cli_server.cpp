// parametric-icons-cli against a real server: the executable as a process, the server in this test
// process on a throwaway PostgreSQL, an API key created through the API with a signed-in session —
// exactly what a user does before exporting PARAMETRIC_API_KEY. generate, batch, list and export;
// a revoked key, a wrong id and an unreachable server exit 4 with the reason; the key never appears
// in anything the tool prints.
#include "clirunner.h"
#include "server/httpclient.h"
#include "server/testserver.h"
#include "testaccounts.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSvgRenderer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Answers every connection with one canned response and keeps what it was sent: a proxy that
// refuses, or a server that redirects.
class CannedServer : public QTcpServer
{
public:
    explicit CannedServer(QByteArray answer)
        : m_answer(std::move(answer))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    received += socket->readAll();
                    if (received.contains("\r\n\r\n")) {
                        socket->write(m_answer);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QByteArray received;

private:
    QByteArray m_answer;
};
} // namespace

class TestCliServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_session; // Authorization: Bearer, as the app after sign-in
    QByteArray m_key;
    QString m_keyId;
    QTemporaryDir m_work;

    QProcessEnvironment environment(const QByteArray &key) const
    {
        QProcessEnvironment env = headlessEnvironment();
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"), m_server->url().toString());
        env.insert(QStringLiteral("PARAMETRIC_API_KEY"), QString::fromLatin1(key));
        return env;
    }

    CliRun cli(const QStringList &arguments, const QByteArray &key)
    {
        CliRun run = runCli(arguments, environment(key), m_work.path());
        // Whatever happens, the key is never printed.
        if (!key.isEmpty() && (run.out.contains(key) || run.err.contains(key)))
            qFatal("the API key was printed by: %s", qPrintable(arguments.join(QLatin1Char(' '))));
        return run;
    }
    CliRun cli(const QStringList &arguments) { return cli(arguments, m_key); }

    QJsonObject createKey(const QString &name)
    {
        const auto r =
            m_session->postJson(QStringLiteral("/api/auth/api-keys"), {{QStringLiteral("name"), name}});
        if (r.status != 201)
            qWarning() << "create key:" << r.status << r.body;
        return r.json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")},
                                  {QStringLiteral("GENERATION_RATE_PER_MIN"), QStringLiteral("100")}});
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        const TestAccount account = createTestAccount(m_server->server().database(),
                                                      QDateTime::currentDateTimeUtc(), QStringLiteral("cli"));
        m_session = std::make_unique<HttpClient>(m_server->url());
        m_session->setBearer(account.token);
        const QJsonObject key = createKey(QStringLiteral("CI toolbar"));
        m_key = key.value(QStringLiteral("key")).toString().toLatin1();
        m_keyId = key.value(QStringLiteral("id")).toString();
        QVERIFY(m_key.startsWith("pi_"));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_server.reset();
    }

    // generate → the icon is in the user's history (list) and exports again in any format.
    void generateListExport()
    {
        const CliRun generated =
            cli({QStringLiteral("generate"), QStringLiteral("fillet two curves"),
                 QStringLiteral("--variants"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(generated.exitCode == 0, qPrintable(generated.describe()));
        const QJsonObject doc = generated.json();
        QCOMPARE(doc.value("generator").toString(), m_server->url().toString());
        const QJsonArray files = doc.value("files").toArray();
        QCOMPARE(files.size(), 2);
        for (const QJsonValue &f : files) {
            QSvgRenderer svg(QDir(m_work.path()).filePath(f.toString()));
            QVERIFY2(svg.isValid(), qPrintable(f.toString()));
        }
        QCOMPARE(files.at(0).toString(), QStringLiteral("fillet_two_curves_variant_1.svg"));

        // The server stored it for the key's user: the session sees it too.
        const QJsonArray history =
            m_session->get(QStringLiteral("/api/icons")).json().value("data").toArray();
        QVERIFY(!history.isEmpty());
        const QString id = history.first().toObject().value("id").toString();
        QCOMPARE(history.first().toObject().value("prompt").toString(), QStringLiteral("fillet two curves"));

        const CliRun listed = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        const QJsonArray icons = listed.json().value("icons").toArray();
        QVERIFY(!icons.isEmpty());
        QCOMPARE(icons.first().toObject().value("id").toString(), id);
        QCOMPARE(icons.first().toObject().value("variants").toArray().size(), 2);
        const CliRun table =
            cli({QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("fillet")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY(table.out.startsWith("ID"));
        QVERIFY(table.out.contains(id.toLatin1()));
        QVERIFY(table.out.contains("fillet two curves"));

        const QString png = QDir(m_work.path()).filePath(QStringLiteral("exported/fillet.png"));
        const CliRun exported =
            cli({QStringLiteral("export"), id, QStringLiteral("--variant"), QStringLiteral("2"),
                 QStringLiteral("--size"), QStringLiteral("24"), QStringLiteral("-o"), png});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
        QCOMPARE(exported.out.trimmed(), QDir::toNativeSeparators(png).toUtf8());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(24, 24));

        // Without -o: named after the prompt as the app and the server's download name it.
        const CliRun ico =
            cli({QStringLiteral("export"), id, QStringLiteral("--format"), QStringLiteral("ico")});
        QVERIFY2(ico.exitCode == 0, qPrintable(ico.describe()));
        QVERIFY(
            QFile::exists(QDir(m_work.path()).filePath(QStringLiteral("fillet_two_curves_variant_1.ico"))));
    }

    void batchThroughTheServer()
    {
        const QString file = QDir(m_work.path()).filePath(QStringLiteral("server.txt"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# two tools\nFillet: fillet two curves\npolar array\n");
        f.close();
        const CliRun run = cli({QStringLiteral("batch"), file, QStringLiteral("--format"),
                                QStringLiteral("png"), QStringLiteral("--size"), QStringLiteral("24")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QFile manifestFile(QDir(m_work.path()).filePath(QStringLiteral("server/manifest.json")));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(manifest.value("generator").toString(), m_server->url().toString());
        const QJsonArray icons = manifest.value("icons").toArray();
        QCOMPARE(icons.size(), 2);
        QCOMPARE(icons.at(0).toObject().value("files").toArray().first().toString(),
                 QStringLiteral("Fillet.png"));
        QCOMPARE(QImage(QDir(m_work.path()).filePath(QStringLiteral("server/polar_array.png"))).size(),
                 QSize(24, 24));
        QVERIFY(run.err.contains("[1/2] Fillet: Fillet.png"));
    }

    void serverErrorsExit4()
    {
        // An id that is no icon of this user.
        const CliRun missing =
            cli({QStringLiteral("export"), QStringLiteral("00000000-0000-4000-8000-000000000000")});
        QCOMPARE(missing.exitCode, 4);
        QVERIFY2(missing.err.contains("404 not_found"), qPrintable(missing.describe()));

        // Nobody listens there.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        QProcessEnvironment env = environment(m_key);
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"), QStringLiteral("http://127.0.0.1:%1").arg(port));
        const CliRun unreachable =
            runCli({QStringLiteral("list"), QStringLiteral("--json")}, env, m_work.path());
        QCOMPARE(unreachable.exitCode, 4);
        QVERIFY2(unreachable.err.contains("could not reach http://127.0.0.1"),
                 qPrintable(unreachable.describe()));
        QCOMPARE(unreachable.json().value("error").toString(), QStringLiteral("server_error"));

        // A key the server never issued.
        const CliRun wrong = cli({QStringLiteral("list")}, "pi_" + QByteArray(43, 'x'));
        QCOMPARE(wrong.exitCode, 4);
        QVERIFY2(wrong.err.contains("401 invalid_api_key"), qPrintable(wrong.describe()));
    }

    // Proxies come from the environment as Qt reads them; through the proxy the key travels inside
    // TLS only (the proxy sees CONNECT, never the key).
    void proxyFromTheEnvironment()
    {
        CannedServer proxy("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        QProcessEnvironment env = environment(m_key);
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"), QStringLiteral("icons.example.invalid"));
        env.insert(QStringLiteral("https_proxy"),
                   QStringLiteral("http://127.0.0.1:%1").arg(proxy.serverPort()));
        env.remove(QStringLiteral("no_proxy"));
        env.remove(QStringLiteral("NO_PROXY"));
        const CliRun run = runCli({QStringLiteral("list")}, env, m_work.path());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(proxy.received.startsWith("CONNECT icons.example.invalid:443 "), proxy.received.constData());
        QVERIFY(!proxy.received.contains(m_key));
        QVERIFY2(run.err.contains("could not reach https://icons.example.invalid"),
                 qPrintable(run.describe()));
    }

    // A redirect is reported, not followed: the key goes to no address the user did not name.
    void redirectsAreNotFollowed()
    {
        CannedServer target("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        const QByteArray location =
            "http://127.0.0.1:" + QByteArray::number(target.serverPort()) + "/api/icons";
        CannedServer redirecting("HTTP/1.1 301 Moved Permanently\r\nLocation: " + location +
                                 "\r\nContent-Length: 0\r\n\r\n");
        QProcessEnvironment env = environment(m_key);
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"),
                   QStringLiteral("http://127.0.0.1:%1").arg(redirecting.serverPort()));
        const CliRun run = runCli({QStringLiteral("list")}, env, m_work.path());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("answered 301 and redirects to " + location), qPrintable(run.describe()));
        QVERIFY(target.received.isEmpty());
    }

    // Some other web server at that address: its 200 page is not taken for an empty history.
    void notOurServer()
    {
        CannedServer other(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>");
        QProcessEnvironment env = environment(m_key);
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"),
                   QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort()));
        const CliRun run = runCli({QStringLiteral("list")}, env, m_work.path());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("not as a Parametric Icons server does"), qPrintable(run.describe()));
        QVERIFY(run.out.isEmpty());
    }

    // Revoked in the app (here: through the API with the session) → the next call exits 4 with the
    // server's own message.
    void revokedKeyExits4()
    {
        const QJsonObject key = createKey(QStringLiteral("short-lived"));
        const QByteArray secret = key.value("key").toString().toLatin1();
        const CliRun before = cli({QStringLiteral("list")}, secret);
        QVERIFY2(before.exitCode == 0, qPrintable(before.describe()));

        QCOMPARE(m_session->del(QStringLiteral("/api/auth/api-keys/") + key.value("id").toString()).status,
                 204);
        const CliRun after =
            cli({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("--json")}, secret);
        QCOMPARE(after.exitCode, 4);
        QVERIFY2(after.err.contains("401 invalid_api_key: The API key is invalid, expired or revoked."),
                 qPrintable(after.describe()));
        QCOMPARE(after.json().value("error").toString(), QStringLiteral("server_error"));
        QVERIFY(!QFile::exists(QDir(m_work.path()).filePath(QStringLiteral("gear.svg"))));
    }
};

QTEST_MAIN(TestCliServer)
#include "tst_cli_server.moc"
