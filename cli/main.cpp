// parametric-icons-cli: icons from scripts, CI and CAD plugins (README "Command-line tool").
#include "cli.h"

#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

namespace {
// stdout and stderr belong to the tool's own output (scripts parse them). Qt's debug and warning
// lines (e.g. "XDG_RUNTIME_DIR not set" on a CI machine, renderer remarks on an SVG) appear only when
// asked for with QT_LOGGING_RULES; critical and fatal ones always do.
bool g_qtDiagnostics = false;
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!g_qtDiagnostics && (type == QtDebugMsg || type == QtInfoMsg || type == QtWarningMsg))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}
} // namespace

int main(int argc, char *argv[])
{
    g_qtDiagnostics = qEnvironmentVariableIsSet("QT_LOGGING_RULES");
    qInstallMessageHandler(messageHandler);
    // The tool never opens a window. On Linux and the BSDs the offscreen platform gives QPainter and
    // fonts what they need without a display server, so it runs the same on a headless CI machine as
    // on a desktop. Windows and macOS need no display server for their own platform plugin, which
    // is the one their installers ship.
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parametric-icons-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARAMETRIC_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    cli::Cli tool(out, err);
    return tool.run(app.arguments().mid(1), QProcessEnvironment::systemEnvironment());
}
