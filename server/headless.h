#pragma once

#include <QByteArray>
#include <QString>

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

// Loads the configuration, starts the private cluster if asked, runs the server until SIGINT/SIGTERM,
// then shuts down gracefully. Returns the process exit code (2 for invalid configuration).
int runHeadlessServer(const HeadlessOptions &options);

// `parametric-server migrate`: applies pending migrations and exits (0 on success).
int runMigrations(const HeadlessOptions &options);
