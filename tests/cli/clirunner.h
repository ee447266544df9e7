#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the real parametric-icons-cli executable (PARAMETRIC_CLI, set by CMake) as a separate process,
// the way a script or a CI job runs it, while this thread's event loop keeps running (a TestServer in
// this process must answer it).
struct CliRun
{
    int exitCode = -1;
    bool finished = false; // false: it crashed or did not exit in time
    QByteArray out;
    QByteArray err;

    QJsonObject json() const; // stdout as one JSON object (empty if it is not exactly that)
    QString describe() const; // for failure messages
};

// The environment of a headless CI machine: no DISPLAY, no WAYLAND_DISPLAY, and a platform plugin
// that would need one (the tool must not care), nothing of ours set.
QProcessEnvironment headlessEnvironment();

CliRun runCli(const QStringList &arguments, const QProcessEnvironment &environment,
              const QString &workingDirectory, int timeoutMs = 120000);
