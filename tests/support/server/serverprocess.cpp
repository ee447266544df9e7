#include "serverprocess.h"

#include "httpclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

ServerProcess::ServerProcess(QString binary)
    : m_binary(std::move(binary))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("server.log")));
}

QByteArray ServerProcess::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("server.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ServerProcess::start(const QProcessEnvironment &env, QString *error, WaitFor waitFor,
                          const QStringList &extraArguments)
{
    m_process.setProcessEnvironment(env);
    m_process.start(m_binary, QStringList{QStringLiteral("serve")} + extraArguments);
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && m_process.state() == QProcess::Running) {
        const auto match = listening.match(QString::fromUtf8(log()));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            break;
        }
        QTest::qWait(10);
    }
    if (m_url.isEmpty()) {
        *error = QStringLiteral("no 'listening on' line; output:\n") + QString::fromUtf8(log());
        return false;
    }
    if (waitFor == WaitFor::Listening)
        return true;
    HttpClient http(m_url);
    http.setTimeoutMs(2000);
    while (timer.elapsed() < 30000) {
        if (http.get(QStringLiteral("/api/health/readiness")).status == 200)
            return true;
        QTest::qWait(50);
    }
    *error = QStringLiteral("never ready; output:\n") + QString::fromUtf8(log());
    return false;
}

int ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (!m_process.waitForFinished(20000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QProcessEnvironment ServerProcess::baseEnvironment(const DatabaseSettings &database)
{
    QProcessEnvironment env = TestServer::serverEnvironment(database);
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}
