#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QTransform>

#include <optional>

// Strict parsers for the SVG value grammars the sanitiser allows and the design check reads.
// Every parser accepts only finite numbers with |v| <= maxMagnitude, so no NaN, Infinity or 1e309 gets
// through.
namespace SvgSyntax {

inline constexpr double maxMagnitude = 1e6;

// One SVG number ("-1.5e3", ".5"), whole string (surrounding whitespace allowed).
std::optional<double> parseNumber(QStringView text);
// Scans a number at text[pos], advancing pos. Returns nullopt (pos unchanged) when there is none or it is out
// of range.
std::optional<double> scanNumber(QStringView text, qsizetype &pos);
// Skips whitespace, then an optional comma and more whitespace.
void skipCommaWhitespace(QStringView text, qsizetype &pos);
void skipWhitespace(QStringView text, qsizetype &pos);
// "1 2,3 4": numbers separated by whitespace and/or commas. Empty list is valid.
std::optional<QList<double>> parseNumberList(QStringView text);

struct Length
{
    double value = 0;
    QString unit; // "", "px", "%", …
};
// A number with an optional unit (px pt pc mm cm in em ex %).
std::optional<Length> parseLength(QStringView text);

// transform="matrix(…) translate(…) scale(…) rotate(…) skewX(…) skewY(…)".
std::optional<QTransform> parseTransform(QStringView text);

// "#rgb", "#rrggbb" (and the alpha forms), rgb()/rgba() and colour keywords QColor knows.
bool isColor(QStringView text);
// Paint: none | currentColor | <color> | url(#id) [fallback]. On success *refId receives the id of a
// url(#id).
bool isPaint(QStringView text, QString *refId);
// The id inside "url(#id)" (whitespace tolerated), or a null QString.
QString urlReference(QStringView text);

// XML-safe id grammar used for every id that leaves the sanitiser: ^[A-Za-z_][A-Za-z0-9_-]*$.
bool isValidId(QStringView id);

} // namespace SvgSyntax
