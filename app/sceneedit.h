#pragma once

#include "scene/scene.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

// One icon's edits, drawn locally: its scenes as saved, the parameter values and the ink being edited,
// and their undo history. Every change is rebuilt by the built-in engine (IconEngine::instantiate, which
// validates the values) and drawn by the one renderer, in-process: the same SVG the server stores on
// Save. No network, no QObject: the app's EditSession owns one per edited icon; the tests drive it
// directly.
class SceneEdit
{
public:
    struct Variant
    {
        QJsonObject savedScene; // as the server has it (empty: the variant has no scene)
        scene::Scene scene;     // the scene drawn now (edited values)
        QVariantMap savedValues;
        QVariantMap values;
        QString svg; // the drawing of `scene` in colorMode(); empty without a scene
    };

    // `scenes` per variant ({} where a variant has none); `seed` scopes the SVG ids as the server does
    // (the icon id: variant i is drawn with "<seed>:<i>").
    SceneEdit(const QString &seed, const QList<QJsonObject> &scenes, const QString &colorMode);

    int variantCount() const { return int(m_variants.size()); }
    const Variant &variant(int i) const { return m_variants.at(i); }
    bool hasScene(int variant) const;
    // Parameters can be changed: a scene of the built-in engine with at least one parameter.
    bool editable(int variant) const;
    bool hasAnyScene() const;
    QString svg(int variant) const { return m_variants.at(variant).svg; }
    QList<scene::ParameterSpec> parameters(int variant) const;
    QVariant value(int variant, const QString &name) const;

    QString colorMode() const { return m_colorMode; }
    QString savedColorMode() const { return m_savedColorMode; }

    // One change. `merge` folds it into the last undo step when that changed the same parameter of the
    // same variant (a slider drag is one step). False, with a message naming the parameter and its
    // range, when the engine refuses the value; nothing changes then.
    bool setValue(int variant, const QString &name, const QVariant &value, bool merge, QString *error);
    // The ink: every variant with a scene is drawn again in it (undoable like a parameter).
    bool setColorMode(const QString &mode);
    // Back to the saved values and ink (one undoable step). False when nothing differs.
    bool reset();

    bool canUndo() const { return !m_undo.isEmpty(); }
    bool canRedo() const { return !m_redo.isEmpty(); }
    bool undo();
    bool redo();

    bool isDirty() const;
    bool isDirty(int variant) const;
    bool colorModeChanged() const { return m_colorMode != m_savedColorMode; }
    // The values that differ from the saved ones, per variant index (only variants that changed).
    QList<int> dirtyVariants() const;

    // The server stored the edit: its scenes and ink are the new saved state. The undo history stays,
    // so an undo after Save makes the icon differ from the saved one again.
    void markSaved(const QList<QJsonObject> &scenes, const QString &colorMode);

    // For the local store (edits survive a restart and an offline spell). Undo history is not kept.
    QJsonObject toJson() const;
    static std::optional<SceneEdit> fromJson(const QJsonObject &o);

    static QString normalizedColorMode(const QString &mode);

private:
    struct State
    {
        int variant = -1; // -1: the ink or several variants changed (reset)
        QString parameter;
        QList<QVariantMap> values;
        QString colorMode;
    };
    State snapshot() const;
    void restore(const State &state);
    bool rebuild(int variant, const QVariantMap &values, QString *error);
    void redraw(int variant);

    QString m_seed;
    QList<Variant> m_variants;
    QString m_colorMode;
    QString m_savedColorMode;
    QList<State> m_undo;
    QList<State> m_redo;
    State m_lastStep; // what the last step changed (for merging)
};
