#pragma once

#include "vocabulary/recipe.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace vocab {

// One word of a prompt after normalisation ("Gears" → "gear", "crv" → "curve", "eight" → 8).
struct Token
{
    QString text;                 // normalised
    QString original;             // as typed (lower-case), for "ignored words"
    std::optional<double> number; // digits or a number word
    bool filler = false;          // "a", "the", "with" …: dropped before matching
    bool generic = false;         // "make", "create" …: matched in phrases, never reported as ignored
};

// Splits and normalises prompts and recipe phrases the same way, so they meet: camelCase and
// Workbench_Command names are split ("Part_BooleanUnion" → "boolean union 3d"), letters and digits
// separated ("10mm" → "10 mm", but "3d" stays), plurals made singular, abbreviations expanded,
// number words read ("twenty four" → 24, "a dozen" → 12). `known` lets inflections fall back to a
// known stem ("mirrored" → "mirror", "extruded" → "extrude").
class Tokenizer
{
public:
    explicit Tokenizer(const Language &language)
        : m_language(language)
    {}

    QList<Token> tokenize(const QString &text, const QSet<QString> *known = nullptr) const;
    QString singular(const QString &word) const;

private:
    QString stem(const QString &word, const QSet<QString> &known) const;
    const Language &m_language;
};

// Optimal string alignment distance (Levenshtein with transpositions), for suggestions.
int editDistance(const QString &a, const QString &b);

} // namespace vocab
