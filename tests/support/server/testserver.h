#pragma once

#include "apiserver.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <memory>

// A real ApiServer in this test process, on 127.0.0.1 and an ephemeral port, against a fresh migrated
// database of the throwaway cluster (TestPostgres). Configuration goes through the same variables an
// operator sets, so tests exercise the real parsing:
//
//   TestServer server({{"OAUTH_GITHUB_CLIENT_ID", "…"}});
//   QVERIFY(server.start());
//   HttpClient http(server.url());
class TestServer
{
public:
    using Variables = QHash<QString, QString>;

    // `database` empty → a fresh database named after the running test case.
    explicit TestServer(Variables variables = {}, ApiServerOptions options = {},
                        DatabaseSettings database = {});
    ~TestServer();

    // Starts and waits (event loop) until migrations are applied. False with a reason on failure.
    bool start(int timeoutMs = 30000);
    void stop();

    ApiServer &server() { return *m_server; }
    QUrl url() const; // http://127.0.0.1:<port>
    quint16 port() const;
    const DatabaseSettings &database() const { return m_database; }
    const QString &error() const { return m_error; }

    // The configuration a test server uses for `database` plus `variables` (for tests that start
    // several servers on one database, or parametric-server processes).
    static ServerConfig configFor(const DatabaseSettings &database, const Variables &variables);
    // What every test server is told besides its domain variables: listen on 127.0.0.1 (any port), and
    // POSTGRES_* for `database`.
    static QProcessEnvironment serverEnvironment(const DatabaseSettings &database);
    // A fresh migrated database for this test process (TestPostgres).
    static DatabaseSettings freshDatabase(const QString &name = {});

private:
    Variables m_variables;
    ApiServerOptions m_options;
    DatabaseSettings m_database;
    std::unique_ptr<ApiServer> m_server;
    QString m_error;
};
