#pragma once

#include "export/iconexport.h"
#include "icons/icondesign.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace cli {

// What the process exits with; scripts and CI rely on these (README "Command-line tool").
enum ExitCode : int {
    Ok = 0,
    Failure = 1,       // a local failure: the output could not be written
    Usage = 2,         // bad arguments, a bad batch file, a missing API key
    NotUnderstood = 3, // a prompt the generator does not know (suggestions printed)
    ServerError = 4,   // the server refused or failed, or could not be reached
};

enum class Command { Generate, Batch, List, Export };

// The longest prompt, as the server accepts it; checked before anything is drawn or sent so a batch
// file with one bad line stops before a single file is written.
constexpr int kMaxPromptLength = 1000;
constexpr int kMaxVariants = 3;

// One validated command line. Everything here has been checked: a Request that exists can run.
struct Request
{
    Command command = Command::Generate;
    QString prompt;    // generate
    QString batchFile; // batch
    QString iconId;    // export

    int variants = 1;           // generate, batch
    std::optional<int> variant; // export: 1-based; default the icon's selected variant
    ColorMode style = ColorMode::Dark;
    IconExport::Format format = IconExport::Format::Svg;
    QList<int> sizes{32}; // PNG sizes, ascending, unique
    QString output;       // -o as given (empty: the default for the command)

    // Server mode when set (--server or PARAMETRIC_SERVER_URL), with the key from PARAMETRIC_API_KEY.
    std::optional<QUrl> server;
    QByteArray apiKey; // never printed

    bool json = false;

    // list
    int limit = 20;
    int offset = 0;
    QString search;
    bool favoritesOnly = false;
};

struct ParseResult
{
    std::optional<Request> request;
    bool help = false;
    bool version = false;
    bool json = false; // --json was given (also for usage errors, so they come as JSON too)
    QString error;     // a usage error: one or two sentences, no usage text
};

// Parses arguments (without the program name) and the environment (PARAMETRIC_SERVER_URL,
// PARAMETRIC_API_KEY). Pure: no file is read or written.
ParseResult parseArguments(const QStringList &arguments, const QProcessEnvironment &environment);

// The --help text.
QString usageText();

} // namespace cli
