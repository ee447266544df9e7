#include "testserver.h"

#include "pg/testpostgres.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QTest>

TestServer::TestServer(Variables variables, ApiServerOptions options, DatabaseSettings database)
    : m_variables(std::move(variables))
    , m_options(std::move(options))
    , m_database(std::move(database))
{}

TestServer::~TestServer()
{
    stop();
}

DatabaseSettings TestServer::freshDatabase(const QString &name)
{
    QString base = name;
    if (base.isEmpty()) {
        base = QString::fromLatin1(QTest::currentTestFunction() ? QTest::currentTestFunction() : "suite");
    }
    return TestPostgres::instance().createFreshDatabase(base);
}

QProcessEnvironment TestServer::serverEnvironment(const DatabaseSettings &database)
{
    QProcessEnvironment env; // deliberately empty: the developer's shell must not leak into tests
    env.insert(QStringLiteral("API_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("API_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("POSTGRES_HOST"), database.host);
    env.insert(QStringLiteral("POSTGRES_PORT"), QString::number(database.port));
    env.insert(QStringLiteral("POSTGRES_DB"), database.name);
    env.insert(QStringLiteral("POSTGRES_USER"), database.user);
    if (!database.password.isEmpty())
        env.insert(QStringLiteral("POSTGRES_PASSWORD"), database.password);
    return env;
}

ServerConfig TestServer::configFor(const DatabaseSettings &database, const Variables &variables)
{
    QProcessEnvironment env = serverEnvironment(database);
    for (auto it = variables.begin(); it != variables.end(); ++it)
        env.insert(it.key(), it.value());
    return ServerConfig::load(env);
}

bool TestServer::start(int timeoutMs)
{
    try {
        if (m_database.name.isEmpty() || m_database.name == QLatin1String("parametric"))
            m_database = freshDatabase();
        m_server = std::make_unique<ApiServer>(configFor(m_database, m_variables), m_options);
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
        return false;
    }
    if (!m_server->start(&m_error))
        return false;
    QElapsedTimer timer;
    timer.start();
    while (!m_server->isReady() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!m_server->isReady())
        m_error = QStringLiteral("the server did not become ready within %1 ms").arg(timeoutMs);
    return m_server->isReady();
}

void TestServer::stop()
{
    m_server.reset();
}

QUrl TestServer::url() const
{
    return m_server ? m_server->url() : QUrl();
}

quint16 TestServer::port() const
{
    return m_server ? m_server->port() : 0;
}
