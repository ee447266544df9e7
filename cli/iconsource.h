#pragma once

#include "icons/icondesign.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace cli {

struct DrawnVariant
{
    QString name; // "Fillet", "Polar Array · Gear"
    QString svg;
};

// What a generator made of one prompt: the variants, or why there are none.
struct Drawing
{
    enum class Status {
        Drawn,
        NotUnderstood, // nothing drawn; `suggestions` lists prompts that would be
        Refused,       // the server refused this prompt (a 4xx about the request); the next may work
        Failed,        // the server or the network failed: the next prompt would fail the same way
    };
    Status status = Status::Failed;
    QList<DrawnVariant> variants;
    // What the generator understood ({summary, concepts, parameters, ignoredWords[, notes]}); empty
    // when it does not say (a server generating with Claude).
    QJsonObject interpretation;
    QStringList suggestions;
    QString message; // for everything but Drawn: one sentence for the user, never a secret
};

// Where icons come from: the built-in engine in this process, or a server over its API.
class IconSource
{
public:
    virtual ~IconSource() = default;
    // "the built-in engine", "https://icons.example.com" (for messages and the batch manifest)
    virtual QString description() const = 0;
    virtual Drawing draw(const QString &prompt, int variants, ColorMode style) = 0;
};

} // namespace cli
