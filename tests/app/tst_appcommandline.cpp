// The desktop app's start-up decisions: --help and --version work on a machine without a display (a
// QGuiApplication would abort there), debug housekeeping is off by default, URLs lose their query
// string before they reach the terminal (sign-in URLs carry `state` and PKCE), and a CPU-only OpenGL
// is recognised so the studio renders with Qt Quick's software renderer instead.
#include "applogging.h"
#include "graphicsbackend.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QtTest>

namespace {
QStringList g_captured;

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_captured << message;
}

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};

// The app as a user starts it in a terminal with no X or Wayland session.
Run runWithoutDisplay(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_QUICK_BACKEND"})
        env.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PARAMETRIC_APP_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
} // namespace

class TestAppCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpAndVersionNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("--help") << QStringLiteral("--help") << QByteArray("--server <url>");
        QTest::newRow("-h") << QStringLiteral("-h") << QByteArray("integrated mode");
        QTest::newRow("--version") << QStringLiteral("--version") << QByteArray(PARAMETRIC_VERSION);
    }

    void helpAndVersionNeedNoDisplay()
    {
        QFETCH(QString, option);
        QFETCH(QByteArray, expected);
        const Run run = runWithoutDisplay({option});
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains(expected), run.out.constData());
        QVERIFY2(!run.err.contains("could not connect to display"), run.err.constData());
    }

    void softwareRasterisersAreRecognised_data()
    {
        QTest::addColumn<QString>("renderer");
        QTest::addColumn<bool>("software");
        QTest::newRow("llvmpipe") << QStringLiteral("llvmpipe (LLVM 15.0.6, 256 bits)") << true;
        QTest::newRow("softpipe") << QStringLiteral("softpipe") << true;
        QTest::newRow("swrast") << QStringLiteral("Mesa DRI swrast") << true;
        QTest::newRow("Intel") << QStringLiteral("Mesa Intel(R) UHD Graphics 620 (KBL GT2)") << false;
        QTest::newRow("AMD") << QStringLiteral("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)") << false;
        QTest::newRow("NVIDIA") << QStringLiteral("NVIDIA GeForce RTX 3060/PCIe/SSE2") << false;
        QTest::newRow("virgl") << QStringLiteral("virgl (AMD Radeon)") << false;
    }

    void softwareRasterisersAreRecognised()
    {
        QFETCH(QString, renderer);
        QFETCH(bool, software);
        QCOMPARE(graphicsbackend::isSoftwareRasteriser(renderer), software);
    }

    void urlQueriesAreRemoved_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sign-in URL")
            << QStringLiteral(
                   "Opening https://api.example.com/api/auth/oauth/github?state=s3cr3t&code_challenge=abc in "
                   "the browser")
            << QStringLiteral("Opening https://api.example.com/api/auth/oauth/github?"
                              "[query removed] in the browser");
        QTest::newRow("quoted, two URLs")
            << QStringLiteral("\"http://127.0.0.1:4000/cb?code=x\" then http://h/p?a=1")
            << QStringLiteral("\"http://127.0.0.1:4000/cb?[query removed]\" then http://h/p?[query removed]");
        QTest::newRow("no query") << QStringLiteral("GET http://127.0.0.1:4000/api/health/liveness")
                                  << QStringLiteral("GET http://127.0.0.1:4000/api/health/liveness");
        QTest::newRow("not a URL") << QStringLiteral("what? nothing") << QStringLiteral("what? nothing");
    }

    void urlQueriesAreRemoved()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(applogging::withoutUrlQueries(message), expected);
    }

    // Through the installed handler, as Qt's own "could not open URL" warnings arrive.
    void installedHandlerRedactsAndHidesDebug()
    {
        qputenv("QT_LOGGING_RULES", QByteArray()); // what the user has, not the developer's switches
        QtMessageHandler previous = qInstallMessageHandler(capture);
        applogging::install();

        static const QLoggingCategory housekeeping("parametric.server.http");
        QVERIFY(!housekeeping.isDebugEnabled());
        QVERIFY(housekeeping.isWarningEnabled());
        QVERIFY(housekeeping.isInfoEnabled());
        qCDebug(housekeeping) << "closing idle connection";
        qCWarning(housekeeping).noquote()
            << "Could not open https://github.com/login/oauth/authorize?state=abc";

        qInstallMessageHandler(previous);
        QCOMPARE(g_captured.size(), 1);
        QCOMPARE(g_captured.first(),
                 QStringLiteral("Could not open https://github.com/login/oauth/authorize?[query removed]"));
    }
};

QTEST_GUILESS_MAIN(TestAppCommandLine)
#include "tst_appcommandline.moc"
