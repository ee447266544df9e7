#pragma once

#include "svg/svgsanitizerdocument.h"

#include <QList>
#include <QString>

// Writes the sanitiser's document as SVG text. Ids and references to them are written without their scope
// suffix, and where each suffix goes is noted, so that the scope may be derived from the written text itself
// (SvgSanitizer::sanitize without a seed) and inserted afterwards.
namespace SvgSanitizing {

struct SerializedDocument
{
    QString text;             // the document, ids without scope
    QList<qsizetype> scopeAt; // where each "_" + scope is inserted, ascending
    QString withScope(const QString &scope) const;
};

// sizeHint: the expected size of the text (the input's, which the output is rarely larger than).
SerializedDocument serialize(const Document &document, qsizetype sizeHint);

} // namespace SvgSanitizing
