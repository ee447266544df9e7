#pragma once

#include <QByteArray>
#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;

// Running the API server as a process: what parametric-server does and what
// `parametric-icons --headless` reuses.
struct HeadlessOptions
{
    QString envFile;             // --env-file
    QString host;                // --host (overrides API_HOST)
    int port = -1;               // --port (overrides API_PORT); -1 = not given
    QString privateClusterDir;   // --private-database DIR: run our own PostgreSQL cluster there
    QByteArray localLoginSecret; // enables POST /api/auth/local
};

// The options that configure a headless server (--host, --port, --env-file,
// --local-login-secret-file), declared and read in one place for parametric-server and
// `parametric-icons --headless`. In the app they only matter with --headless, so their help says so.
class HeadlessCommandLine
{
public:
    enum class Program { Server, App };
    explicit HeadlessCommandLine(Program program);

    QList<QCommandLineOption> options() const;
    // Reads the parsed options into `options`. Returns the problem with one of them as
    // "<option>: <reason>" (the caller prefixes its program name and exits 2), or an empty string.
    QString read(const QCommandLineParser &parser, HeadlessOptions &options) const;

private:
    QCommandLineOption m_host;
    QCommandLineOption m_port;
    QCommandLineOption m_envFile;
    QCommandLineOption m_secretFile;
};

// Loads the configuration, starts the private cluster if asked, runs the server until SIGINT/SIGTERM,
// then shuts down gracefully. Returns the process exit code (2 for invalid configuration).
int runHeadlessServer(const HeadlessOptions &options);

// `parametric-server migrate`: applies pending migrations and exits (0 on success).
int runMigrations(const HeadlessOptions &options);
