#include "cli.h"

#include "batchfile.h"
#include "core/filenames.h"
#include "engineiconsource.h"
#include "iconfiles.h"
#include "serverclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace cli {

namespace {

const QString kProgram = QStringLiteral("parametric-icons-cli");

QString joinValues(const QJsonArray &array, const QString &separator)
{
    QStringList parts;
    for (const QJsonValue &v : array)
        parts.append(printable(v.toString()));
    return parts.join(separator);
}

QString parameterText(const QJsonObject &p)
{
    const QJsonValue value = p.value(QLatin1String("value"));
    QString text = value.isBool()     ? (value.toBool() ? QStringLiteral("yes") : QStringLiteral("no"))
                   : value.isDouble() ? QString::number(value.toDouble())
                                      : value.toString();
    QString label = p.value(QLatin1String("label")).toString();
    if (label.isEmpty())
        label = p.value(QLatin1String("name")).toString();
    return printable(QStringLiteral("%1 %2").arg(label, text));
}

QJsonArray toJsonArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList variantNames(const QList<DrawnVariant> &variants)
{
    QStringList names;
    for (const DrawnVariant &v : variants)
        names.append(v.name);
    return names;
}

// null when the generator did not say what it understood (a server generating with Claude).
QJsonValue interpretationValue(const Drawing &drawing)
{
    return drawing.interpretation.isEmpty() ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(drawing.interpretation);
}

QList<int> allIndices(qsizetype count)
{
    QList<int> indices;
    for (int i = 0; i < count; ++i)
        indices.append(i);
    return indices;
}

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{}

Cli::~Cli() = default;

int Cli::run(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const ParseResult parsed = parseArguments(arguments, environment);
    m_json = parsed.json;
    if (parsed.help) {
        m_out << usageText();
        m_out.flush();
        return ExitCode::Ok;
    }
    if (parsed.version) {
        m_out << kProgram << ' ' << QCoreApplication::applicationVersion() << '\n';
        m_out.flush();
        return ExitCode::Ok;
    }
    if (!parsed.request)
        return usageError(parsed.error, parsed.json);
    const Request &request = *parsed.request;

    std::unique_ptr<ServerClient> server;
    std::unique_ptr<IconSource> builtin;
    IconSource *source = nullptr;
    if (request.server) {
        server = std::make_unique<ServerClient>(*request.server, request.apiKey,
                                                [this](const QString &line) { note(line); });
        source = server.get();
    } else {
        builtin = makeBuiltinSource();
        source = builtin.get();
    }

    switch (request.command) {
    case Command::Generate:
        return generate(request, *source);
    case Command::Batch:
        return batch(request, *source);
    case Command::List:
        return list(request, *server);
    case Command::Export:
        return exportIcon(request, *server);
    }
    return ExitCode::Usage;
}

int Cli::generate(const Request &request, IconSource &source)
{
    const IconOutput output =
        IconOutput::resolve(request.output, iconFileName(request.prompt, 0, 1, {}), request.format);
    if (!output.error.isEmpty())
        return usageError(output.error, m_json);

    const Drawing drawing = source.draw(request.prompt, request.variants, request.style);
    switch (drawing.status) {
    case Drawing::Status::Drawn:
        break;
    case Drawing::Status::NotUnderstood:
        return notUnderstood(request.prompt, drawing);
    case Drawing::Status::Refused:
    case Drawing::Status::Failed:
        return fail(ExitCode::ServerError, QStringLiteral("server_error"), drawing.message);
    }

    const QList<PlannedFile> plan = planFiles(output, allIndices(drawing.variants.size()),
                                              int(drawing.variants.size()), request.format, request.sizes);
    const WriteResult written = writeFiles(output.folder, plan, drawing.variants, request.format);
    if (!written.ok())
        return fail(ExitCode::Failure, QStringLiteral("write_failed"), written.error,
                    {{QStringLiteral("files"), toJsonArray(written.paths)}});

    describe(drawing.interpretation);
    if (m_json) {
        QJsonArray variants;
        for (qsizetype i = 0; i < drawing.variants.size(); ++i) {
            QStringList files;
            for (qsizetype f = 0; f < plan.size(); ++f)
                if (plan.at(f).variant == i)
                    files.append(written.paths.at(f));
            variants.append(QJsonObject{{QStringLiteral("name"), drawing.variants.at(i).name},
                                        {QStringLiteral("files"), toJsonArray(files)}});
        }
        printJson({{QStringLiteral("prompt"), request.prompt},
                   {QStringLiteral("generator"), source.description()},
                   {QStringLiteral("style"), IconDesign::colorModeName(request.style)},
                   {QStringLiteral("format"), IconExport::formatName(request.format)},
                   {QStringLiteral("interpretation"), interpretationValue(drawing)},
                   {QStringLiteral("variants"), variants},
                   {QStringLiteral("files"), toJsonArray(written.paths)}});
    } else {
        printPaths(written.paths);
    }
    return ExitCode::Ok;
}

int Cli::batch(const Request &request, IconSource &source)
{
    QFile file(request.batchFile);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(QStringLiteral("cannot read %1: %2.").arg(request.batchFile, file.errorString()),
                          m_json);
    const BatchFile entries = BatchFile::parse(QString::fromUtf8(file.readAll()), request.batchFile);
    file.close();
    if (!entries.ok()) {
        for (const QString &error : entries.errors)
            note(printable(error));
        if (m_json)
            printJson(
                {{QStringLiteral("error"), QStringLiteral("usage")},
                 {QStringLiteral("message"), QStringLiteral("The batch file has errors; nothing was drawn.")},
                 {QStringLiteral("errors"), toJsonArray(entries.errors)}});
        note(QStringLiteral("%1: the batch file has errors; nothing was drawn.").arg(kProgram));
        return ExitCode::Usage;
    }

    const QString folder = request.output.isEmpty() ? QFileInfo(request.batchFile).completeBaseName()
                                                    : QDir::cleanPath(request.output);
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        return usageError(QStringLiteral("-o %1 is a file; batch writes into a folder.").arg(folder), m_json);
    if (!QDir().mkpath(folder))
        return fail(ExitCode::Failure, QStringLiteral("write_failed"),
                    QStringLiteral("could not create the folder %1.").arg(QDir::toNativeSeparators(folder)));

    QJsonArray icons;
    BatchTally tally;
    const qsizetype total = entries.entries.size();
    const int width = int(QString::number(total).size());
    for (qsizetype i = 0; i < total; ++i) {
        const BatchEntry &entry = entries.entries.at(i);
        const QString progress = QStringLiteral("[%1/%2] %3: ").arg(i + 1, width).arg(total).arg(entry.name);
        icons.append(batchEntry(entry, request, source, folder, progress, tally));
    }

    QJsonObject manifest{{QStringLiteral("format"), QStringLiteral("parametric-icons/batch")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("source"), QFileInfo(request.batchFile).fileName()},
                         {QStringLiteral("generator"), source.description()},
                         {QStringLiteral("style"), IconDesign::colorModeName(request.style)},
                         {QStringLiteral("fileFormat"), IconExport::formatName(request.format)},
                         {QStringLiteral("icons"), icons}};
    if (request.format == IconExport::Format::Png) {
        QJsonArray sizes;
        for (int s : request.sizes)
            sizes.append(s);
        manifest.insert(QStringLiteral("sizes"), sizes);
    }
    const QString manifestPath = QDir(folder).filePath(QStringLiteral("manifest.json"));
    QSaveFile manifestFile(manifestPath);
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    if (!manifestFile.open(QIODevice::WriteOnly) ||
        manifestFile.write(manifestBytes) != manifestBytes.size() || !manifestFile.commit()) {
        note(QStringLiteral("%1: could not write %2: %3.")
                 .arg(kProgram, QDir::toNativeSeparators(manifestPath), manifestFile.errorString()));
        tally.writeFailed = true;
    }
    // The most serious cause wins: nothing written locally, then the server, then unknown prompts.
    const int exitCode = tally.writeFailed   ? ExitCode::Failure
                         : tally.failed > 0  ? ExitCode::ServerError
                         : tally.unknown > 0 ? ExitCode::NotUnderstood
                                             : ExitCode::Ok;

    QString summary = QStringLiteral("%1 of %2 icons written to %3")
                          .arg(tally.drawn)
                          .arg(total)
                          .arg(QDir::toNativeSeparators(folder));
    if (tally.unknown > 0)
        summary += QStringLiteral("; %1 not understood").arg(tally.unknown);
    if (tally.failed > 0)
        summary += QStringLiteral("; %1 failed").arg(tally.failed);
    if (!tally.stoppedBy.isEmpty())
        summary += QStringLiteral("; stopped: %1").arg(tally.stoppedBy);
    note(summary + QLatin1Char('.'));

    if (m_json) {
        manifest.insert(QStringLiteral("output"), QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
        manifest.insert(QStringLiteral("manifest"),
                        QDir::cleanPath(QFileInfo(manifestPath).absoluteFilePath()));
        manifest.insert(QStringLiteral("exitCode"), exitCode);
        printJson(manifest);
    } else {
        printPaths({manifestPath});
    }
    return exitCode;
}

QJsonObject Cli::batchEntry(const BatchEntry &entry, const Request &request, IconSource &source,
                            const QString &folder, const QString &progress, BatchTally &tally)
{
    QJsonObject icon{{QStringLiteral("name"), entry.name},
                     {QStringLiteral("prompt"), entry.prompt},
                     {QStringLiteral("line"), entry.line},
                     {QStringLiteral("files"), QJsonArray()}};
    if (!tally.stoppedBy.isEmpty()) {
        icon.insert(QStringLiteral("status"), QStringLiteral("skipped"));
        return icon;
    }

    const Drawing drawing = source.draw(entry.prompt, request.variants, request.style);
    switch (drawing.status) {
    case Drawing::Status::NotUnderstood:
        ++tally.unknown;
        icon.insert(QStringLiteral("status"), QStringLiteral("not_understood"));
        icon.insert(QStringLiteral("message"), drawing.message);
        icon.insert(QStringLiteral("suggestions"), toJsonArray(drawing.suggestions));
        note(progress +
             QStringLiteral("not understood (\"%1\"); try: %2")
                 .arg(printable(entry.prompt), drawing.suggestions.isEmpty()
                                                   ? QStringLiteral("a CAD tool's name")
                                                   : drawing.suggestions.join(QStringLiteral("; "))));
        return icon;
    case Drawing::Status::Refused:
    case Drawing::Status::Failed:
        ++tally.failed;
        icon.insert(QStringLiteral("status"), drawing.status == Drawing::Status::Failed
                                                  ? QStringLiteral("failed")
                                                  : QStringLiteral("refused"));
        icon.insert(QStringLiteral("message"), drawing.message);
        note(progress + QStringLiteral("failed: %1").arg(drawing.message));
        if (drawing.status == Drawing::Status::Failed)
            tally.stoppedBy = drawing.message; // the next prompt would meet the same server
        return icon;
    case Drawing::Status::Drawn:
        break;
    }

    IconOutput output;
    output.folder = folder;
    output.base = entry.name;
    const QList<PlannedFile> plan = planFiles(output, allIndices(drawing.variants.size()),
                                              int(drawing.variants.size()), request.format, request.sizes);
    const WriteResult written = writeFiles(folder, plan, drawing.variants, request.format);
    QStringList names;
    for (qsizetype f = 0; f < written.paths.size(); ++f)
        names.append(plan.at(f).fileName);
    icon.insert(QStringLiteral("files"), toJsonArray(names));
    icon.insert(QStringLiteral("variants"), toJsonArray(variantNames(drawing.variants)));
    icon.insert(QStringLiteral("interpretation"), interpretationValue(drawing));
    if (!written.ok()) {
        icon.insert(QStringLiteral("status"), QStringLiteral("failed"));
        icon.insert(QStringLiteral("message"), written.error);
        note(progress + QStringLiteral("failed: %1").arg(written.error));
        tally.writeFailed = true;
        tally.stoppedBy = written.error; // a full disk or a read-only folder fails every next file too
        return icon;
    }
    ++tally.drawn;
    icon.insert(QStringLiteral("status"), QStringLiteral("ok"));
    const QString summary = drawing.interpretation.value(QLatin1String("summary")).toString();
    note(progress + names.join(QStringLiteral(", ")) +
         (summary.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(printable(summary))));
    return icon;
}

int Cli::list(const Request &request, ServerClient &server)
{
    const ServerClient::Answer answer =
        server.listIcons(request.limit, request.offset, request.search, request.favoritesOnly);
    if (!answer.ok())
        return fail(ExitCode::ServerError, QStringLiteral("server_error"), answer.message,
                    {{QStringLiteral("status"), answer.status}});

    const QJsonArray data = answer.json.value(QLatin1String("data")).toArray();
    const int total = answer.json.value(QLatin1String("total")).toInt();
    if (m_json) {
        QJsonArray icons;
        for (const QJsonValue &v : data) {
            const QJsonObject o = v.toObject();
            QStringList names;
            for (const QJsonValue &variant : o.value(QLatin1String("variants")).toArray())
                names.append(variant.toObject().value(QLatin1String("name")).toString());
            icons.append(
                QJsonObject{{QStringLiteral("id"), o.value(QLatin1String("id"))},
                            {QStringLiteral("prompt"), o.value(QLatin1String("prompt"))},
                            {QStringLiteral("createdAt"), o.value(QLatin1String("createdAt"))},
                            {QStringLiteral("favorite"), o.value(QLatin1String("favorite"))},
                            {QStringLiteral("colorMode"), o.value(QLatin1String("colorMode"))},
                            {QStringLiteral("source"), o.value(QLatin1String("source"))},
                            {QStringLiteral("selectedVariant"), o.value(QLatin1String("selectedVariant"))},
                            {QStringLiteral("variants"), toJsonArray(names)}});
        }
        printJson({{QStringLiteral("total"), total},
                   {QStringLiteral("limit"), request.limit},
                   {QStringLiteral("offset"), request.offset},
                   {QStringLiteral("icons"), icons}});
        return ExitCode::Ok;
    }
    if (data.isEmpty()) {
        note(total == 0
                 ? QStringLiteral("No icons yet.")
                 : QStringLiteral("No icons after --offset %1 (%2 in all).").arg(request.offset).arg(total));
        return ExitCode::Ok;
    }
    m_out << QStringLiteral("%1  %2  %3  %4\n")
                 .arg(QStringLiteral("ID"), -36)
                 .arg(QStringLiteral("CREATED (UTC)"), -16)
                 .arg(QStringLiteral("VARIANTS"))
                 .arg(QStringLiteral("PROMPT"));
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        const QDateTime created =
            QDateTime::fromString(o.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs).toUTC();
        QString prompt = printable(o.value(QLatin1String("prompt")).toString());
        if (o.value(QLatin1String("favorite")).toBool())
            prompt = QStringLiteral("★ ") + prompt;
        m_out << QStringLiteral("%1  %2  %3  %4\n")
                     .arg(printable(o.value(QLatin1String("id")).toString()), -36)
                     .arg(created.toString(QStringLiteral("yyyy-MM-dd HH:mm")), -16)
                     .arg(o.value(QLatin1String("variants")).toArray().size(), -8)
                     .arg(prompt);
    }
    m_out.flush();
    if (request.offset + data.size() < total)
        note(QStringLiteral("%1-%2 of %3; --offset %4 shows more.")
                 .arg(request.offset + 1)
                 .arg(request.offset + data.size())
                 .arg(total)
                 .arg(request.offset + data.size()));
    return ExitCode::Ok;
}

int Cli::exportIcon(const Request &request, ServerClient &server)
{
    const ServerClient::Answer answer = server.fetchIcon(request.iconId);
    if (!answer.ok())
        return fail(ExitCode::ServerError, QStringLiteral("server_error"), answer.message,
                    {{QStringLiteral("status"), answer.status}});
    const QJsonObject icon = answer.json;
    const QString prompt = icon.value(QLatin1String("prompt")).toString();
    QList<DrawnVariant> variants;
    for (const QJsonValue &v : icon.value(QLatin1String("variants")).toArray())
        variants.append({v.toObject().value(QLatin1String("name")).toString(),
                         v.toObject().value(QLatin1String("svg")).toString()});
    if (variants.isEmpty())
        return fail(ExitCode::ServerError, QStringLiteral("server_error"),
                    QStringLiteral("%1 answered without the icon's SVG.").arg(server.description()));
    const int index =
        request.variant ? *request.variant - 1 : icon.value(QLatin1String("selectedVariant")).toInt();
    if (index < 0 || index >= variants.size())
        return usageError(QStringLiteral("the icon has %1 variant(s); --variant must be from 1 to %1.")
                              .arg(variants.size()),
                          m_json);

    const IconOutput output =
        IconOutput::resolve(request.output, sanitizeFilename(prompt, QStringLiteral("icon")), request.format);
    if (!output.error.isEmpty())
        return usageError(output.error, m_json);
    const QList<PlannedFile> plan =
        planFiles(output, {index}, int(variants.size()), request.format, request.sizes);
    const WriteResult written = writeFiles(output.folder, plan, variants, request.format);
    if (!written.ok())
        return fail(ExitCode::Failure, QStringLiteral("write_failed"), written.error,
                    {{QStringLiteral("files"), toJsonArray(written.paths)}});
    if (m_json) {
        printJson({{QStringLiteral("id"), icon.value(QLatin1String("id"))},
                   {QStringLiteral("prompt"), prompt},
                   {QStringLiteral("variant"), index + 1},
                   {QStringLiteral("format"), IconExport::formatName(request.format)},
                   {QStringLiteral("files"), toJsonArray(written.paths)}});
    } else {
        printPaths(written.paths);
    }
    return ExitCode::Ok;
}

int Cli::usageError(const QString &message, bool json)
{
    note(QStringLiteral("%1: %2").arg(kProgram, message));
    note(QStringLiteral("Run %1 --help for the commands and options.").arg(kProgram));
    if (json)
        printJson({{QStringLiteral("error"), QStringLiteral("usage")}, {QStringLiteral("message"), message}});
    return ExitCode::Usage;
}

int Cli::fail(int exitCode, const QString &code, const QString &message, const QJsonObject &extra)
{
    note(QStringLiteral("%1: %2").arg(kProgram, message));
    if (m_json) {
        QJsonObject document = extra;
        document.insert(QStringLiteral("error"), code);
        document.insert(QStringLiteral("message"), message);
        printJson(document);
    }
    return exitCode;
}

int Cli::notUnderstood(const QString &prompt, const Drawing &drawing)
{
    note(QStringLiteral("%1: \"%2\" was not understood. %3")
             .arg(kProgram, printable(prompt), drawing.message));
    if (!drawing.suggestions.isEmpty()) {
        note(QStringLiteral("Try one of:"));
        for (const QString &s : drawing.suggestions)
            note(QStringLiteral("  %1").arg(s));
    }
    if (m_json)
        printJson({{QStringLiteral("error"), QStringLiteral("prompt_not_understood")},
                   {QStringLiteral("message"), drawing.message},
                   {QStringLiteral("prompt"), prompt},
                   {QStringLiteral("suggestions"), toJsonArray(drawing.suggestions)}});
    return ExitCode::NotUnderstood;
}

void Cli::describe(const QJsonObject &interpretation)
{
    const QString summary = interpretation.value(QLatin1String("summary")).toString();
    if (summary.isEmpty())
        return;
    QStringList parts{QStringLiteral("Understood as: %1").arg(printable(summary))};
    QStringList parameters;
    for (const QJsonValue &p : interpretation.value(QLatin1String("parameters")).toArray())
        parameters.append(parameterText(p.toObject()));
    if (!parameters.isEmpty())
        parts.append(parameters.join(QStringLiteral(", ")));
    note(parts.join(QStringLiteral("; ")));
    const QJsonArray ignored = interpretation.value(QLatin1String("ignoredWords")).toArray();
    if (!ignored.isEmpty())
        note(QStringLiteral("Not used: %1").arg(joinValues(ignored, QStringLiteral(", "))));
    for (const QJsonValue &n : interpretation.value(QLatin1String("notes")).toArray())
        note(QStringLiteral("Note: %1").arg(printable(n.toString())));
}

void Cli::printPaths(const QStringList &paths)
{
    for (const QString &path : paths)
        m_out << QDir::toNativeSeparators(path) << '\n';
    m_out.flush();
}

void Cli::printJson(const QJsonObject &document)
{
    m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    m_out.flush();
}

void Cli::note(const QString &line)
{
    m_err << line << '\n';
    m_err.flush();
}

} // namespace cli
