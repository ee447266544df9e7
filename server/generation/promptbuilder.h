#pragma once

#include "icongenerator.h"

#include <QList>
#include <QString>
#include <QStringList>

// The texts sent to the Anthropic Messages API. The system prompt carries the original's design
// system (original-system.md §5.2 items 1–9) with the values of icondesign.h and the palette of the
// requested colour mode, restricted to what QtSvg draws and our sanitiser keeps.
namespace PromptBuilder {

QString systemPrompt(ColorMode mode, int variantCount);

// create, refine (with the reference icon) and style references, then the requirements.
QString userMessage(const GenerationRequest &request);

struct Correction
{
    QString name;
    QString svg;          // the sanitised variant that failed the design check
    QStringList problems; // the design-check findings
};
// The follow-up turn that asks for corrected versions of the variants with findings.
QString correctionMessage(const QList<Correction> &items);

// Collapses whitespace between tags and drops comments/metadata, like the original's minifySvgForPrompt.
QString minifySvg(const QString &svg);

} // namespace PromptBuilder
