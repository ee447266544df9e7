#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

// The CSS the SVG sanitiser understands, so that it can fold styles into presentation attributes and write no
// CSS at all: the declarations of a style="" attribute and plain ".class { … }" rules of a <style> element.
// Names are lowercased and values trimmed of "!important"; whether a property is allowed and its value valid
// is for the rules (svgsanitizerrules.h) to decide.
namespace SvgSanitizing {

using Declarations = QList<std::pair<QString, QString>>; // property name → value, in document order

struct ClassRule
{
    QString className;
    Declarations declarations;
};

Declarations parseDeclarations(QStringView css);

// Only plain class selectors are understood; at-rules, other selectors and anything nested are ignored.
QList<ClassRule> parseStyleSheet(QStringView css);

} // namespace SvgSanitizing
