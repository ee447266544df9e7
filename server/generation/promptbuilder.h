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

// --- Scene output (tool use) ---------------------------------------------------------------------------
// The system prompt for scenes: the scene model in words (layers by tool type, canvas, grips, the path
// element for shapes outside the vocabulary), an example scene, and the ids of the vocabulary's concepts
// by category, so Claude reuses the pictograms users already know.
QString sceneSystemPrompt(int variantCount);
// Create, or refine the reference scene (or the reference SVG when the icon has no scene).
QString sceneUserMessage(const GenerationRequest &request);
// The tool_result text of the repair round: the validation errors, one per line.
QString sceneRepairMessage(const QStringList &errors, int variantCount);

// Collapses whitespace between tags and drops comments/metadata, like the original's minifySvgForPrompt.
QString minifySvg(const QString &svg);

} // namespace PromptBuilder
