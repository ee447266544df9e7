#include "batchfile.h"

#include "cliarguments.h"
#include "core/filenames.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace cli {

namespace {

// As long as names made from prompts can be (sanitizeFilename).
constexpr int kMaxNameLength = 64;

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

BatchFile BatchFile::parse(const QString &text, const QString &label)
{
    static const QRegularExpression named(
        QStringLiteral("^([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?):(?:\\s+(.*))?$"));
    BatchFile batch;
    auto fail = [&](int line, const QString &message) {
        batch.errors.append(QStringLiteral("%1:%2: %3").arg(label).arg(line).arg(message));
    };

    QString content = text;
    if (content.startsWith(QChar(0xFEFF))) // a byte-order mark some editors write
        content.remove(0, 1);
    const QStringList lines = content.split(QLatin1Char('\n'));
    QHash<QString, int> explicitNames; // lowercased name → line
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        // Tabs are spacing in a text file; any other control character is a mistake worth naming.
        line.replace(QLatin1Char('\t'), QLatin1Char(' '));
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        if (hasControlCharacters(trimmed)) {
            fail(lineNumber, QStringLiteral("the line contains control characters."));
            continue;
        }
        BatchEntry entry;
        entry.line = lineNumber;
        const QRegularExpressionMatch match = named.match(trimmed);
        if (match.hasMatch()) {
            entry.named = true;
            entry.name = match.captured(1);
            entry.prompt = match.captured(2).simplified();
            if (entry.prompt.isEmpty()) {
                fail(lineNumber, QStringLiteral("\"%1:\" has no prompt after the colon.").arg(entry.name));
                continue;
            }
            if (entry.name.size() > kMaxNameLength) {
                fail(lineNumber,
                     QStringLiteral("the name is longer than %1 characters.").arg(kMaxNameLength));
                continue;
            }
            const QString key = entry.name.toLower();
            if (explicitNames.contains(key)) {
                fail(lineNumber, QStringLiteral("the name \"%1\" is already used on line %2.")
                                     .arg(entry.name)
                                     .arg(explicitNames.value(key)));
                continue;
            }
            explicitNames.insert(key, lineNumber);
        } else {
            entry.prompt = trimmed.simplified();
        }
        if (entry.prompt.size() > kMaxPromptLength) {
            fail(lineNumber,
                 QStringLiteral("the prompt is longer than %1 characters.").arg(kMaxPromptLength));
            continue;
        }
        batch.entries.append(entry);
    }

    // Names from prompts, after every explicit name is known so an explicit one always keeps its own.
    QSet<QString> taken;
    for (auto it = explicitNames.cbegin(); it != explicitNames.cend(); ++it)
        taken.insert(it.key());
    for (BatchEntry &entry : batch.entries) {
        if (entry.named)
            continue;
        const QString base = sanitizeFilename(entry.prompt, QStringLiteral("icon"));
        QString name = base;
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = QStringLiteral("%1_%2").arg(base).arg(n);
        entry.name = name;
        taken.insert(name.toLower());
    }
    if (batch.errors.isEmpty() && batch.entries.isEmpty())
        batch.errors.append(QStringLiteral("%1: no prompts (one per line; # starts a comment).").arg(label));
    return batch;
}

} // namespace cli
