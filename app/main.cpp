// parametric-icons: the desktop app (and, with --headless, its integrated backend without a window).
#include "appcore.h"
#include "applogging.h"
#include "backend.h"
#include "graphicsbackend.h"
#include "net/serverurl.h"
#include "studio.h"

#include "core/logging.h"
#include "core/signalwatcher.h"
#include "headless.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QtQml/QQmlExtensionPlugin>

#include <cstdio>
#include <initializer_list>
#include <utility>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

namespace {
void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Parametric"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("parametric.io"));
    QCoreApplication::setApplicationName(QStringLiteral("parametric-icons"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARAMETRIC_VERSION));
}

bool hasOption(int argc, char *argv[], std::initializer_list<const char *> names)
{
    for (int i = 1; i < argc; ++i)
        for (const char *name : names)
            if (qstrcmp(argv[i], name) == 0)
                return true;
    return false;
}

int fail(const char *option, const QString &message)
{
    std::fprintf(stderr, "parametric-icons: %s: %s\n", option, qPrintable(message));
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart; // cold-start figures for the log and bench/studio
    sinceStart.start();
    // --headless, --help and --version must not need a display: decide before constructing the
    // application object (a QGuiApplication aborts without one).
    std::unique_ptr<QCoreApplication> app;
    const bool headless = hasOption(argc, argv, {"--headless"});
    const bool textOnly = hasOption(argc, argv, {"-h", "--help", "-?", "--help-all", "-v", "--version"});
    if (headless || textOnly)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);
    setIdentity();
    if (!headless && !textOnly)
        QGuiApplication::setDesktopFileName(QStringLiteral("io.parametric.icons"));
    logging::install();
    applogging::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Parametric Icons: CAD toolbar icons from a prompt.\n\n"
        "Without a server it runs its own private database and icon server (integrated mode)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("Use the Parametric server at this URL (PARAMETRIC_SERVER_URL)."),
        QStringLiteral("url"));
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        QStringLiteral("Run the integrated backend without a window and serve others."));
    const HeadlessCommandLine headlessOptions(HeadlessCommandLine::Program::App);
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep the database and caches here instead of the user data folder."),
        QStringLiteral("dir"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings-file"), QStringLiteral("Read and write settings in this .ini file (tests)."),
        QStringLiteral("file"));
    const QCommandLineOption noKeychainOption(QStringLiteral("no-keychain"),
                                              QStringLiteral("Keep secrets for this session only (tests)."));
    parser.addOptions({serverOption, headlessOption});
    parser.addOptions(headlessOptions.options());
    parser.addOptions({dataDirOption, settingsOption, noKeychainOption});
    parser.process(*app);

    const QString dataDir = parser.isSet(dataDirOption)
                                ? QDir(parser.value(dataDirOption)).absolutePath()
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    if (headless) {
        HeadlessOptions options;
        if (const QString problem = headlessOptions.read(parser, options); !problem.isEmpty()) {
            std::fprintf(stderr, "parametric-icons: %s\n", qPrintable(problem));
            return 2;
        }
        // The private cluster unless the environment names a database (then behave like parametric-server).
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("DATABASE_URL")) && !env.contains(QStringLiteral("POSTGRES_HOST")))
            options.privateClusterDir = QDir(dataDir).filePath(QStringLiteral("postgres"));
        QDir().mkpath(dataDir);
        return runHeadlessServer(options);
    }

    AppCore::Options options;
    QString server = parser.value(serverOption);
    if (server.isEmpty())
        server = qEnvironmentVariable("PARAMETRIC_SERVER_URL");
    if (!server.isEmpty()) {
        const ServerUrl checked = ServerUrl::parse(server);
        if (!checked.isValid())
            return fail("--server", checked.error);
        options.serverUrl = checked.url;
    }
    options.dataDirectory = dataDir;
    options.settingsFile = parser.value(settingsOption);
    options.useKeychain = !parser.isSet(noKeychainOption);

    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Basic"));

    qCInfo(lcStartup).noquote() << "renderer:" << graphicsbackend::chooseForThisMachine();
    AppCore core(options);
    QQmlApplicationEngine engine;
    if (!AppCore::loadMainWindow(engine)) {
        std::fprintf(stderr, "parametric-icons: the user interface failed to load\n");
        return 1;
    }
    core.start();
    if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0))) {
        // frameSwapped comes from the render thread: two frames can be queued before the first
        // call disconnects, so the flag (not the disconnect) makes the line appear once.
        auto once = std::make_shared<QMetaObject::Connection>();
        auto logged = std::make_shared<bool>(false);
        *once = QObject::connect(window, &QQuickWindow::frameSwapped, window, [once, logged, sinceStart] {
            QObject::disconnect(*once);
            if (std::exchange(*logged, true))
                return;
            qCInfo(lcStartup).noquote() << "first frame after" << sinceStart.elapsed() << "ms";
        });
    }
    QObject::connect(core.backend(), &Backend::stateChanged, &core, [&core, sinceStart] {
        static bool logged = false;
        if (!logged && core.backend()->ready()) {
            logged = true;
            qCInfo(lcStartup).noquote() << "backend ready after" << sinceStart.elapsed() << "ms";
        }
    });

    // Quit = stop the local server and database cleanly first (closing the window or SIGINT/SIGTERM).
    auto *gui = static_cast<QGuiApplication *>(app.get());
    gui->setQuitOnLastWindowClosed(false);
    auto quit = [&core] { core.shutdown([] { QCoreApplication::exit(0); }); };
    QObject::connect(gui, &QGuiApplication::lastWindowClosed, &core, quit);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &core, quit);
    return app->exec();
}
