// parametric-server: the headless REST API server.
#include "auth/authsettings.h"
#include "core/config.h"
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
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        QStringLiteral("Address to listen on (API_HOST)."),
                                        QStringLiteral("address"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (API_PORT); 0 picks a free one."),
                                        QStringLiteral("port"));
    const QCommandLineOption envFileOption(QStringLiteral("env-file"),
                                           QStringLiteral("Read variables from this .env file."),
                                           QStringLiteral("file"));
    const QCommandLineOption privateDbOption(
        QStringLiteral("private-database"),
        QStringLiteral("Run a private PostgreSQL cluster in this directory instead of POSTGRES_*."),
        QStringLiteral("dir"));
    const QCommandLineOption secretOption(
        QStringLiteral("local-login-secret-file"),
        QStringLiteral("Enable POST /api/auth/local with the secret in this file."), QStringLiteral("file"));
    parser.addOptions({hostOption, portOption, envFileOption, privateDbOption, secretOption});
    parser.process(app);

    HeadlessOptions options;
    options.envFile = parser.value(envFileOption);
    options.host = parser.value(hostOption);
    options.privateClusterDir = parser.value(privateDbOption);
    if (parser.isSet(portOption)) {
        bool ok = false;
        options.port = parser.value(portOption).toInt(&ok);
        if (!ok || options.port < 0 || options.port > 65535) {
            std::fprintf(stderr, "parametric-server: --port: must be an integer from 0 to 65535\n");
            return 2;
        }
    }
    if (parser.isSet(secretOption)) {
        try {
            options.localLoginSecret = readLocalLoginSecretFile(parser.value(secretOption));
        } catch (const ConfigError &e) {
            std::fprintf(stderr, "parametric-server: %s\n", e.what());
            return 2;
        }
    }

    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, QStringLiteral("serve"));
    if (args.size() > 1 || (command != QLatin1String("serve") && command != QLatin1String("migrate"))) {
        std::fprintf(stderr, "parametric-server: unknown command '%s' (use serve or migrate)\n",
                     qPrintable(args.join(u' ')));
        return 2;
    }
    return command == QLatin1String("migrate") ? runMigrations(options) : runHeadlessServer(options);
}
