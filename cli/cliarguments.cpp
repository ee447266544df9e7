#include "cliarguments.h"

#include "net/serverurl.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace cli {

namespace {

const QHash<QString, Command> kCommands{{QStringLiteral("generate"), Command::Generate},
                                        {QStringLiteral("batch"), Command::Batch},
                                        {QStringLiteral("list"), Command::List},
                                        {QStringLiteral("export"), Command::Export}};

// Which commands each option means something for; anywhere else it is a usage error rather than
// silently ignored (a `--size` on list is a mistake the user wants to hear about).
struct OptionRule
{
    QString name;
    QList<Command> commands;
};
const QList<Command> kDrawing{Command::Generate, Command::Batch};
const QList<Command> kWriting{Command::Generate, Command::Batch, Command::Export};
const QList<Command> kAll{Command::Generate, Command::Batch, Command::List, Command::Export};

QString commandName(Command command)
{
    return kCommands.key(command);
}

std::optional<int> parseInt(const QString &text, int min, int max)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

// "24", "16,24,32" or "16 24" → ascending unique sizes.
std::optional<QList<int>> parseSizes(const QString &text)
{
    QList<int> sizes;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const auto size = parseInt(part, IconExport::kMinPngSize, IconExport::kMaxPngSize);
        if (!size)
            return std::nullopt;
        if (!sizes.contains(*size))
            sizes.append(*size);
    }
    if (sizes.isEmpty())
        return std::nullopt;
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

// The key goes into a request header as is: printable ASCII only. Never quoted in a message.
bool isHeaderSafe(const QByteArray &key)
{
    return std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

} // namespace

ParseResult parseArguments(const QStringList &arguments, const QProcessEnvironment &environment)
{
    ParseResult result;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption format({QStringLiteral("f"), QStringLiteral("format")}, {},
                                    QStringLiteral("format"));
    const QCommandLineOption size({QStringLiteral("s"), QStringLiteral("size")}, {}, QStringLiteral("sizes"));
    const QCommandLineOption variants({QStringLiteral("n"), QStringLiteral("variants")}, {},
                                      QStringLiteral("n"));
    const QCommandLineOption style(QStringLiteral("style"), {}, QStringLiteral("style"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, {},
                                    QStringLiteral("path"));
    const QCommandLineOption variant(QStringLiteral("variant"), {}, QStringLiteral("n"));
    const QCommandLineOption limit(QStringLiteral("limit"), {}, QStringLiteral("n"));
    const QCommandLineOption offset(QStringLiteral("offset"), {}, QStringLiteral("n"));
    const QCommandLineOption search(QStringLiteral("search"), {}, QStringLiteral("text"));
    const QCommandLineOption favorites(QStringLiteral("favorites"));
    const QCommandLineOption server(QStringLiteral("server"), {}, QStringLiteral("url"));
    const QCommandLineOption offline(QStringLiteral("offline"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")});
    parser.addOptions({format, size, variants, style, output, variant, limit, offset, search, favorites,
                       server, offline, json, help, version});

    // QCommandLineParser expects the program name first.
    const bool parsed = parser.parse(QStringList{QStringLiteral("parametric-icons-cli")} + arguments);
    result.json = arguments.contains(QStringLiteral("--json"));
    if (!parsed) {
        result.error = parser.errorText();
        return result;
    }
    result.json = parser.isSet(json);
    if (parser.isSet(help)) {
        result.help = true;
        return result;
    }
    if (parser.isSet(version)) {
        result.version = true;
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result.error = QStringLiteral("Name a command: generate, batch, list or export.");
        return result;
    }
    const auto command = kCommands.constFind(positional.first());
    if (command == kCommands.constEnd()) {
        result.error = QStringLiteral("Unknown command '%1': use generate, batch, list or export.")
                           .arg(positional.first());
        return result;
    }

    Request request;
    request.command = *command;
    request.json = result.json;
    const QString name = commandName(request.command);

    const QList<QPair<const QCommandLineOption *, QList<Command>>> rules{
        {&format, kWriting},
        {&size, kWriting},
        {&variants, kDrawing},
        {&style, kDrawing},
        {&output, kWriting},
        {&variant, {Command::Export}},
        {&limit, {Command::List}},
        {&offset, {Command::List}},
        {&search, {Command::List}},
        {&favorites, {Command::List}},
        {&server, kAll},
        {&offline, kDrawing},
    };
    for (const auto &[option, commands] : rules) {
        if (parser.isSet(*option) && !commands.contains(request.command)) {
            result.error =
                QStringLiteral("--%1 does not apply to %2.").arg(option->names().constLast(), name);
            return result;
        }
    }

    // The one positional argument of each command.
    const qsizetype wanted = request.command == Command::List ? 1 : 2;
    if (positional.size() < wanted) {
        static const QHash<Command, QString> missing{
            {Command::Generate, QStringLiteral("generate needs a prompt: generate \"fillet two curves\".")},
            {Command::Batch,
             QStringLiteral("batch needs a file with one prompt per line: batch toolbar.txt.")},
            {Command::Export, QStringLiteral("export needs an icon id (see list).")}};
        result.error = missing.value(request.command);
        return result;
    }
    if (positional.size() > wanted) {
        result.error = request.command == Command::Generate
                           ? QStringLiteral("generate takes one prompt; put it in quotes: generate \"%1\".")
                                 .arg(positional.mid(1).join(QLatin1Char(' ')))
                           : QStringLiteral("Unexpected argument '%1'.").arg(positional.at(wanted));
        return result;
    }
    switch (request.command) {
    case Command::Generate:
        request.prompt = positional.at(1).simplified();
        if (request.prompt.isEmpty()) {
            result.error = QStringLiteral("The prompt is empty.");
            return result;
        }
        if (request.prompt.size() > kMaxPromptLength) {
            result.error = QStringLiteral("The prompt is longer than %1 characters.").arg(kMaxPromptLength);
            return result;
        }
        break;
    case Command::Batch:
        request.batchFile = positional.at(1);
        break;
    case Command::Export:
        request.iconId = positional.at(1).trimmed();
        break;
    case Command::List:
        break;
    }

    if (parser.isSet(variants)) {
        const auto n = parseInt(parser.value(variants), 1, kMaxVariants);
        if (!n) {
            result.error = QStringLiteral("--variants must be from 1 to %1.").arg(kMaxVariants);
            return result;
        }
        request.variants = *n;
    }
    if (parser.isSet(variant)) {
        request.variant = parseInt(parser.value(variant), 1, kMaxVariants);
        if (!request.variant) {
            result.error = QStringLiteral("--variant must be from 1 to %1.").arg(kMaxVariants);
            return result;
        }
    }
    if (parser.isSet(style)) {
        const auto mode = IconDesign::colorModeFromName(parser.value(style).trimmed().toLower());
        if (!mode) {
            result.error = QStringLiteral("--style must be dark or light.");
            return result;
        }
        request.style = *mode;
    }

    request.output = parser.value(output);
    if (parser.isSet(output) && request.output.trimmed().isEmpty()) {
        result.error = QStringLiteral("-o needs a path.");
        return result;
    }
    if (parser.isSet(format)) {
        const auto f = IconExport::formatFromName(parser.value(format));
        if (!f) {
            result.error = QStringLiteral("--format must be svg, png, ico or icns.");
            return result;
        }
        request.format = *f;
    }
    // `-o gear.png` alone means PNG; `-o gear.png --format svg` is a contradiction, not a guess.
    if (!request.output.isEmpty() && request.command != Command::Batch) {
        const auto fromName = IconExport::formatFromName(QFileInfo(request.output).suffix());
        if (fromName && !parser.isSet(format))
            request.format = *fromName;
        else if (fromName && *fromName != request.format) {
            result.error = QStringLiteral("-o %1 does not match --format %2.")
                               .arg(request.output, IconExport::formatName(request.format));
            return result;
        }
    }
    if (parser.isSet(size)) {
        if (request.format != IconExport::Format::Png) {
            result.error =
                QStringLiteral("--size applies to PNG only (ICO and ICNS carry their standard sizes, "
                               "SVG has none); add --format png.");
            return result;
        }
        const auto sizes = parseSizes(parser.value(size));
        if (!sizes) {
            result.error = QStringLiteral("--size takes sizes in px from %1 to %2, e.g. 24 or 16,24,32.")
                               .arg(IconExport::kMinPngSize)
                               .arg(IconExport::kMaxPngSize);
            return result;
        }
        request.sizes = *sizes;
    }

    if (parser.isSet(limit)) {
        const auto n = parseInt(parser.value(limit), 1, 100);
        if (!n) {
            result.error = QStringLiteral("--limit must be from 1 to 100.");
            return result;
        }
        request.limit = *n;
    }
    if (parser.isSet(offset)) {
        const auto n = parseInt(parser.value(offset), 0, 100000);
        if (!n) {
            result.error = QStringLiteral("--offset must be from 0 to 100000.");
            return result;
        }
        request.offset = *n;
    }
    request.search = parser.value(search).simplified();
    request.favoritesOnly = parser.isSet(favorites);

    // Server or built-in engine.
    if (parser.isSet(offline) && parser.isSet(server)) {
        result.error = QStringLiteral("--offline and --server contradict each other.");
        return result;
    }
    QString serverText = parser.value(server);
    if (!parser.isSet(server) && !parser.isSet(offline))
        serverText = environment.value(QStringLiteral("PARAMETRIC_SERVER_URL")).trimmed();
    if (!serverText.isEmpty()) {
        const ServerUrl url = ServerUrl::parse(serverText);
        if (!url.isValid()) {
            result.error = QStringLiteral("%1 %2").arg(
                parser.isSet(server) ? QStringLiteral("--server:") : QStringLiteral("PARAMETRIC_SERVER_URL:"),
                url.error);
            return result;
        }
        request.server = url.url;
        request.apiKey = environment.value(QStringLiteral("PARAMETRIC_API_KEY")).trimmed().toUtf8();
        if (request.apiKey.isEmpty()) {
            result.error =
                QStringLiteral("Using a server needs an API key in PARAMETRIC_API_KEY: create one in the "
                               "app under Settings → API keys.");
            return result;
        }
        if (!isHeaderSafe(request.apiKey)) {
            result.error =
                QStringLiteral("PARAMETRIC_API_KEY contains spaces or characters an API key never has; "
                               "copy the key again from Settings → API keys.");
            return result;
        }
    } else if (request.command == Command::List || request.command == Command::Export) {
        result.error = QStringLiteral("%1 reads your icons from a server: pass --server URL or set "
                                      "PARAMETRIC_SERVER_URL (and PARAMETRIC_API_KEY).")
                           .arg(name);
        return result;
    }

    result.request = std::move(request);
    return result;
}

QString usageText()
{
    return QStringLiteral(
        R"(Usage: parametric-icons-cli <command> [options]

Draws CAD toolbar icons from short descriptions: with the built-in engine, offline and without a
network, or with a Parametric Icons server.

Commands:
  generate "PROMPT"     Draw one icon and write its files.
  batch FILE            Draw one icon per line of FILE into a folder, with manifest.json.
                        A line is "name: prompt" or just a prompt (the file name then comes from
                        the prompt); blank lines and lines starting with # are skipped.
  list                  List your icons on the server, newest first.
  export ID             Write one of your icons from the server.

Options:
  -f, --format FORMAT   svg (default), png, ico or icns; also taken from the extension of -o FILE
  -s, --size N[,N...]   PNG sizes in px, 8-1024 (default 32); several sizes write NAME_SIZE.png
  -n, --variants N      variants per prompt, 1-3 (default 1); several write NAME_variant_I.EXT
      --style STYLE     dark (default) or light palette
  -o, --output PATH     generate, export: a file, or a folder (an existing one, or ending in /);
                        default: the current folder, the file named after the prompt.
                        batch: the folder (default: named after FILE, toolbar/ for toolbar.txt)
      --variant N       export: which variant, 1-3 (default: the one chosen in the app)
      --limit N         list: at most N icons, 1-100 (default 20)
      --offset N        list: skip the first N icons
      --search TEXT     list: only icons whose prompt contains TEXT
      --favorites       list: only favourites
      --server URL      use this server (https://, or http:// on this computer only)
      --offline         draw with the built-in engine even when PARAMETRIC_SERVER_URL is set
      --json            print one JSON document on stdout; messages stay on stderr
  -h, --help            show this help
  -v, --version         show the version

Environment:
  PARAMETRIC_SERVER_URL  the server, when --server is not given (list and export need one)
  PARAMETRIC_API_KEY     an API key (pi_...) from the app's Settings > API keys, needed with a
                         server; read only from the environment and never printed

Exit codes: 0 done, 1 the output could not be written, 2 usage error, 3 a prompt was not
understood (suggestions printed; a batch still writes the others), 4 server or network error.
)");
}

} // namespace cli
