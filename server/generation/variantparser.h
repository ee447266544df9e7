#pragma once

#include <QList>
#include <QString>

// Reads the icon variants out of the model's text. The request ends with the assistant prefill
// `{"variants":[`, so the text normally continues that JSON; the prefill is put back exactly once
// (not again when the model repeated it). Tolerates prose around the JSON, Markdown code fences and,
// as a last resort, bare <svg>…</svg> blocks (also JSON-escaped ones). Returns what it found with
// the SVG still raw: the caller sanitises and checks every one.
namespace VariantParser {

inline constexpr char kPrefill[] = "{\"variants\":[";

struct Variant
{
    QString name; // may be empty
    QString svg;  // raw, untrusted
};

QList<Variant> parse(const QString &modelText);

} // namespace VariantParser
