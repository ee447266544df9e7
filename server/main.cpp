// parametric-server: the headless REST API server.
#include "core/logging.h"
#include "headless.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parametric-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARAMETRIC_VERSION));
    logging::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Parametric Icons REST API server.\n\nCommands:\n  serve    run the server (default)\n"
                       "  migrate  apply pending database migrations and exit\n\n"
                       "Configuration comes from the environment (see README), overlaid on --env-file."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve (default) or migrate"),
                                 QStringLiteral("[command]"));
    const HeadlessCommandLine headless(HeadlessCommandLine::Program::Server);
    const QCommandLineOption privateDbOption(
        QStringLiteral("private-database"),
        QStringLiteral("Run a private PostgreSQL cluster in this directory instead of POSTGRES_*."),
        QStringLiteral("dir"));
    parser.addOptions(headless.options());
    parser.addOption(privateDbOption);
    parser.process(app);

    HeadlessOptions options;
    if (const QString problem = headless.read(parser, options); !problem.isEmpty()) {
        std::fprintf(stderr, "parametric-server: %s\n", qPrintable(problem));
        return 2;
    }
    options.privateClusterDir = parser.value(privateDbOption);

    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, QStringLiteral("serve"));
    if (args.size() > 1 || (command != QLatin1String("serve") && command != QLatin1String("migrate"))) {
        std::fprintf(stderr, "parametric-server: unknown command '%s' (use serve or migrate)\n",
                     qPrintable(args.join(u' ')));
        return 2;
    }
    return command == QLatin1String("migrate") ? runMigrations(options) : runHeadlessServer(options);
}
