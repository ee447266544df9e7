#pragma once

#include "cliarguments.h"
#include "iconsource.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace cli {

class ServerClient;
struct BatchEntry;

// parametric-icons-cli: parses the command line, runs one command and returns the exit code.
// Results go to `out` (file paths, a table, or with --json exactly one JSON document); messages,
// progress and interpretations go to `err`. Runs on a Q(Gui)Application's thread; server requests
// wait in local event loops.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);
    ~Cli();
    int run(const QStringList &arguments, const QProcessEnvironment &environment);

private:
    int generate(const Request &request, IconSource &source);
    int batch(const Request &request, IconSource &source);
    struct BatchTally
    {
        int drawn = 0, unknown = 0, failed = 0;
        bool writeFailed = false;
        QString stoppedBy; // why the rest of the batch is skipped (the server is gone, the disk is full)
    };
    // Draws and writes one line of a batch; its manifest entry.
    QJsonObject batchEntry(const BatchEntry &entry, const Request &request, IconSource &source,
                           const QString &folder, const QString &progress, BatchTally &tally);
    int list(const Request &request, ServerClient &server);
    int exportIcon(const Request &request, ServerClient &server);

    int usageError(const QString &message, bool json);
    // One failure: the message on stderr and, with --json, {"error", "message", …extra} on stdout.
    int fail(int exitCode, const QString &code, const QString &message, const QJsonObject &extra = {});
    int notUnderstood(const QString &prompt, const Drawing &drawing);
    void printJson(const QJsonObject &document);
    void printPaths(const QStringList &paths); // one per line on stdout
    void note(const QString &line);            // one line on stderr, flushed
    void describe(const QJsonObject &interpretation);

    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json = false;
};

} // namespace cli
