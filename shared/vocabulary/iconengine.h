#pragma once

#include "scene/scene.h"
#include "vocabulary/promptinterpreter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// The built-in icon engine: prompt → interpretation → three scenes (the drawn concept's variants) →
// SVG through the one renderer. Deterministic; nothing random, nothing drawn that was not understood.
// Shared by the server's built-in generator and the app (offline re-rendering, later the Inspector).
namespace vocab {

struct EngineVariant
{
    QString name;          // "Gear", "Polar Array · Gear"
    QJsonObject sceneJson; // the validated scene, as stored
    scene::Scene scene;
    QString svg; // rendered for the requested colour mode
};

struct EngineResult
{
    Interpretation interpretation;
    QList<EngineVariant> variants; // empty when nothing was understood
    QStringList errors;            // recipe bugs (an invalid scene); never the user's fault
    bool understood() const { return interpretation.understood(); }
};

class IconEngine
{
public:
    explicit IconEngine(const Vocabulary &vocabulary);
    static const IconEngine &builtin();

    // `scopeSeed` scopes the SVG ids; variant i uses scopeSeed + ":" + i (as the sanitiser would).
    EngineResult generate(const QString &prompt, int variantCount, ColorMode mode,
                          const QString &scopeSeed) const;

    // The scene of one variant for an interpretation (no rendering).
    std::optional<EngineVariant> build(const Interpretation &interpretation, int variant,
                                       QStringList *errors) const;

    // The same concept again with other parameter values ("gear.teeth": 12), from a scene's source
    // (its edits applied again); unknown names or values out of range are errors naming the parameter
    // and its range.
    std::optional<EngineVariant> instantiate(const scene::SceneSource &source, const QVariantMap &values,
                                             QStringList *errors) const;

    const Vocabulary &vocabulary() const { return m_interpreter.vocabulary(); }
    const PromptInterpreter &interpreter() const { return m_interpreter; }

private:
    std::optional<EngineVariant>
    assemble(const Concept &drawn, const Concept *operation, const Concept *subject, int variant,
             const QHash<QString, double> &values, const QHash<QString, double> &subjectValues,
             const QStringList &conceptIds, const scene::SceneEdits &edits, QStringList *errors) const;
    PromptInterpreter m_interpreter;
};

} // namespace vocab
