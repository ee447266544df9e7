// Configuration: variables, .env files, DATABASE_URL, and how parametric-server reports bad input.
#include "core/config.h"
#include "httpclient.h"
#include "pg/testpostgres.h"
#include "testserver.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class tst_Config : public QObject
{
    Q_OBJECT

    static QProcessEnvironment env(std::initializer_list<std::pair<const char *, const char *>> vars)
    {
        QProcessEnvironment e;
        for (const auto &[k, v] : vars)
            e.insert(QString::fromLatin1(k), QString::fromLatin1(v));
        return e;
    }

    static QProcessEnvironment serverEnv(const DatabaseSettings &db)
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString &key : e.keys()) {
            if (key.startsWith(QLatin1String("POSTGRES_")) || key.startsWith(QLatin1String("API_")) ||
                key == QLatin1String("DATABASE_URL"))
                e.remove(key);
        }
        e.insert("POSTGRES_HOST", db.host);
        e.insert("POSTGRES_PORT", QString::number(db.port));
        e.insert("POSTGRES_DB", db.name);
        e.insert("POSTGRES_USER", db.user);
        return e;
    }

private Q_SLOTS:
    void defaults()
    {
        const ServerConfig c = ServerConfig::load(QProcessEnvironment());
        QCOMPARE(c.host, QString("127.0.0.1"));
        QCOMPARE(c.port, quint16(4000));
        QCOMPARE(c.apiBaseUrl, QUrl("http://localhost:4000"));
        QCOMPARE(c.database.host, QString("localhost"));
        QCOMPARE(c.database.port, 5432);
        QCOMPARE(c.database.name, QString("parametric"));
        QCOMPARE(c.database.user, QString("postgres"));
        QVERIFY(c.database.password.isEmpty());
        QVERIFY(!c.databaseConfigured);
        QCOMPARE(c.corsOrigins, (QStringList{"http://localhost:3000", "http://localhost:3001"}));
        QCOMPARE(c.maxBodyBytes, qint64(1024 * 1024));
    }

    void postgresVariables()
    {
        const ServerConfig c = ServerConfig::load(env({{"POSTGRES_HOST", "db.internal"},
                                                       {"POSTGRES_PORT", "6543"},
                                                       {"POSTGRES_DB", "icons"},
                                                       {"POSTGRES_USER", "app"},
                                                       {"POSTGRES_PASSWORD", "pw"},
                                                       {"API_PORT", "8080"},
                                                       {"API_HOST", "0.0.0.0"},
                                                       {"API_BASE_URL", "https://icons.example.com"}}));
        QCOMPARE(c.database.host, QString("db.internal"));
        QCOMPARE(c.database.port, 6543);
        QCOMPARE(c.database.name, QString("icons"));
        QCOMPARE(c.database.user, QString("app"));
        QCOMPARE(c.database.password, QString("pw"));
        QVERIFY(c.databaseConfigured);
        QCOMPARE(c.port, quint16(8080));
        QCOMPARE(c.host, QString("0.0.0.0"));
        QCOMPARE(c.apiBaseUrl.scheme(), QString("https"));
    }

    void databaseUrlWins()
    {
        const ServerConfig c =
            ServerConfig::load(env({{"POSTGRES_HOST", "ignored"},
                                    {"POSTGRES_DB", "ignored"},
                                    {"DATABASE_URL", "postgres://u%40x:p%3Aw@pg.example:5433/prod"}}));
        QCOMPARE(c.database.host, QString("pg.example"));
        QCOMPARE(c.database.port, 5433);
        QCOMPARE(c.database.name, QString("prod"));
        QCOMPARE(c.database.user, QString("u@x"));
        QCOMPARE(c.database.password, QString("p:w"));
        const ServerConfig socket =
            ServerConfig::load(env({{"DATABASE_URL", "postgresql:///local?host=/run/postgresql"}}));
        QCOMPARE(socket.database.host, QString("/run/postgresql"));
        QCOMPARE(socket.database.name, QString("local"));
    }

    void envFileIsOverlaidByEnvironment()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(".env"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# comment\nexport API_PORT=4100\nPOSTGRES_DB='from file'\nPOSTGRES_PASSWORD=\"a "
                   "\\\"quoted\\\" pw\"\n"
                   "POSTGRES_USER=fileuser # trailing comment\n\nOAUTH_GITHUB_CLIENT_ID=abc\n");
        file.close();
        const ServerConfig c = ServerConfig::load(env({{"POSTGRES_USER", "envuser"}}), file.fileName());
        QCOMPARE(c.port, quint16(4100));
        QCOMPARE(c.database.name, QString("from file"));
        QCOMPARE(c.database.password, QString("a \"quoted\" pw"));
        QCOMPARE(c.database.user, QString("envuser"));
        QCOMPARE(c.value("OAUTH_GITHUB_CLIENT_ID"), QString("abc"));
    }

    void invalidValuesNameTheVariable_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("port text") << "API_PORT"
                                   << "abc";
        QTest::newRow("port range") << "API_PORT"
                                    << "70000";
        QTest::newRow("host") << "API_HOST"
                              << "not a host";
        QTest::newRow("base url") << "API_BASE_URL"
                                  << "ftp://x";
        QTest::newRow("base url query") << "API_BASE_URL"
                                        << "http://x/?a=b";
        QTest::newRow("pg port") << "POSTGRES_PORT"
                                 << "0";
        QTest::newRow("database url") << "DATABASE_URL"
                                      << "mysql://x/y";
        QTest::newRow("database url no db") << "DATABASE_URL"
                                            << "postgres://x";
        QTest::newRow("cors") << "CORS_ORIGINS"
                              << "localhost:3000";
        QTest::newRow("body cap") << "API_MAX_BODY_BYTES"
                                  << "12";
    }

    void invalidValuesNameTheVariable()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QProcessEnvironment e;
        e.insert(name, value);
        try {
            ServerConfig::load(e);
            QFAIL("expected ConfigError");
        } catch (const ConfigError &error) {
            QCOMPARE(error.variable(), name);
            QVERIFY(!error.message().isEmpty());
        }
    }

    void missingEnvFileIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(ConfigError, ServerConfig::load(QProcessEnvironment(), "/nonexistent/.env"));
    }

    void serverExitsWithCode2OnBadConfig()
    {
        QProcess process;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert("API_PORT", "not-a-port");
        process.setProcessEnvironment(e);
        process.start(PARAMETRIC_SERVER_BINARY, {});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(err.contains("API_PORT"), qPrintable(err));
        QCOMPARE(err.count(u'\n'), 0); // one clear line
    }

    void versionAndHelp()
    {
        QProcess process;
        process.start(PARAMETRIC_SERVER_BINARY, {"--version"});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains(PARAMETRIC_VERSION));
        process.start(PARAMETRIC_SERVER_BINARY, {"--help"});
        QVERIFY(process.waitForFinished(10000));
        const QByteArray help = process.readAllStandardOutput();
        for (const char *option : {"--host", "--port", "--env-file", "migrate"})
            QVERIFY2(help.contains(option), option);
    }

    void migrateCommandAndGracefulShutdown()
    {
        const DatabaseSettings db = TestPostgres::instance().createEmptyDatabase("cli");
        QProcess migrate;
        migrate.setProcessEnvironment(serverEnv(db));
        migrate.start(PARAMETRIC_SERVER_BINARY, {"migrate"});
        QVERIFY(migrate.waitForFinished(30000));
        QCOMPARE(migrate.exitCode(), 0);
        QVERIFY(migrate.readAllStandardOutput().contains("applied"));

        QProcess server;
        server.setProcessEnvironment(serverEnv(db));
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(PARAMETRIC_SERVER_BINARY, {"--port", "0"});
        QVERIFY(server.waitForStarted());
        QByteArray output;
        quint16 port = 0;
        QTRY_VERIFY_WITH_TIMEOUT((output += server.readAll(), output.contains("listening on")), 10000);
        const int at = output.indexOf("listening on http://127.0.0.1:");
        port = quint16(output.mid(at + 30, 6).split('\n').first().trimmed().toUShort());
        QVERIFY(port > 0);
        HttpClient http(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTRY_COMPARE_WITH_TIMEOUT(http.get("/api/health/readiness").status, 200, 10000);
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        output += server.readAll();
        QVERIFY2(output.contains("stopped"), output.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Config)
#include "tst_config.moc"
