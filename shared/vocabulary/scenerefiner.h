#pragma once

#include "scene/scene.h"
#include "vocabulary/iconengine.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Refines a scene in words (intent "refine"): "twelve teeth", "make it wider", "add a hole", "mirror it",
// "rotate 45 degrees", "show the grips at the ends", "without the guide". A parameter's words and value
// words come from its recipe; edits of the whole drawing and adjectives ("wider" moves the first of
// width, size, radius … the icon has) from refine.json. A vocabulary scene is built again through the
// engine with the new values and its edits (so later parameter edits keep them); a free scene (drawn
// by Claude) takes the edits on its elements and has no parameters. Deterministic; nothing guessed:
// what is not understood is said so, with suggestions that fit the icon.
namespace vocab {

struct RefineResult
{
    enum class Status {
        Refined,       // sceneJson + scene hold the refined scene
        NotUnderstood, // nothing in the words changes this icon: message + suggestions
        NotPossible,   // understood, but the icon cannot change that way (at a limit, a drawing's guide)
    };
    Status status = Status::NotUnderstood;
    QJsonObject sceneJson;
    scene::Scene scene;
    // {summary, concepts, parameters: [{concept, name, label, value}], changes: [{parameter, from, to} |
    //  {edit}], ignoredWords, notes?}
    QJsonObject interpretation;
    QString message;         // why not (NotUnderstood, NotPossible)
    QStringList suggestions; // refinements this icon understands (NotUnderstood)
    QStringList errors;      // the engine could not build the result (a bug of a recipe, not the user's)
};

class SceneRefiner
{
public:
    SceneRefiner(const IconEngine &engine, const QByteArray &refineJson);
    static const SceneRefiner &builtin();

    RefineResult refine(const scene::Scene &current, const QString &words) const;

    // Refinements that fit this scene ("12 teeth", "make it wider", "mirror it" …), at most `max`.
    QStringList suggestions(const scene::Scene &current, int max = 5) const;

    struct Data;

private:
    const IconEngine &m_engine;
    std::shared_ptr<const Data> m_data;
};

} // namespace vocab
