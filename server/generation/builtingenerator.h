#pragma once

#include "icongenerator.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The offline generator: deterministic icons in the design system (icondesign.h), composed from
// the prompt. The prompt's words are matched against a catalogue of CAD tools (with synonyms);
// each tool draws Guide / Context / Primary / Grips for its tool type, with grips as 2×2 rects on
// the geometry at the input points and every coordinate in the bounds. Variants are different
// compositions of the tool ("Fillet", "Fillet (Tangent)", "Fillet (Chain)"). A prompt that names no
// known tool gets a composition seeded by a hash of the prompt. Every SVG goes through the
// sanitiser and the design check; the design check finds nothing (the tests hold it to that).
// It draws from the prompt alone: for a refine request the prompt names the tool again (the
// reference SVG and style attachments are not read), so "refine" yields fresh compositions.
class BuiltinGenerator final : public IconGenerator
{
public:
    QString name() const override { return QStringLiteral("builtin"); }
    // Synchronous: `done` runs on the calling thread before this returns.
    void generate(const GenerationRequest &request, Callback done) override;

    // The core of generate(), for tests and benchmarks.
    static GenerationResult run(const GenerationRequest &request);

    struct Tool
    {
        QString id; // "polar-array"
        ToolType type;
        QStringList synonyms; // lower-case words or phrases matched against the prompt
        QStringList styles;   // variant names, at least two
    };
    static const QList<Tool> &tools();
    // The tool a prompt asks for: modification and analysis verbs win over drawing nouns
    // ("fillet two curves" → fillet), then the longer phrase ("polar array" over "array"), then
    // the earlier word. nullopt when the prompt names no known tool.
    static std::optional<Tool> matchTool(const QString &prompt);
};
