#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace cli {

// A batch file: one icon per line, "name: prompt" or just "prompt"; blank lines and lines whose
// first non-blank character is # are skipped. A name is up to 64 letters, digits, "_", "-" and "."
// (not first or last) followed by ": "; anything else is all prompt ("scale 1:2" stays a prompt). Named icons
// keep their name as the file name ("FilletEdge" → FilletEdge.png); the others are named after
// the prompt as the app names exports ("Fillet two curves" → fillet_two_curves), made unique
// with "_2", "_3". Two lines naming the same file (case-insensitively, as on macOS and Windows)
// are an error, as is an empty, too long or control-character prompt: the whole file is checked
// before anything is drawn.
struct BatchEntry
{
    int line = 0;       // 1-based
    QString name;       // the file name stem, unique in the batch
    QString prompt;     // whitespace simplified
    bool named = false; // the name was given in the file
};

struct BatchFile
{
    QList<BatchEntry> entries;
    QStringList errors; // "toolbar.txt:7: …", in line order

    bool ok() const { return errors.isEmpty(); }
    // `label` prefixes error lines (the path as the user gave it).
    static BatchFile parse(const QString &text, const QString &label);
};

} // namespace cli
