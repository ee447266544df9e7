#pragma once

#include "icongenerator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Claude's scene output (ANTHROPIC_OUTPUT=scene, the default): the tool Claude is made to call, with the
// scene's JSON schema (shared/scene/scene.schema.json) as its input_schema, and the validation of what
// it sends back: every scene through the strict parser and the renderer, so an icon from Claude is in the
// design system by construction. Errors name the JSON path (`variants[1].scene.elements[3].points`), so
// the one repair round can tell Claude exactly what to fix.
namespace SceneOutput {

inline constexpr char kToolName[] = "draw_icon_scenes";

// {"name", "description", "input_schema": {"type": "object", "properties": {"variants": [{name, scene}]}}}
QJsonObject toolDefinition(int variantCount);
// {"type": "tool", "name": kToolName}
QJsonObject toolChoice();
// The scene schema itself (a Qt resource of parametric_shared).
const QJsonObject &sceneSchema();

struct Validated
{
    QList<std::optional<GeneratedVariant>> variants; // by index; nullopt where the scene is invalid
    QStringList errors;                              // "variants[1].scene.elements[3]: …"
    int validCount() const;
};

// Reads the tool input {"variants": [{"name", "scene"}, …]}: at most `variantCount` scenes, each parsed,
// rendered in `mode` with the scope `seed + ":" + index`, and stored with source {"engine": "anthropic"}
// (a free scene: no parameters, not built again from a vocabulary).
Validated validate(const QJsonObject &input, int variantCount, ColorMode mode, const QString &seed);

} // namespace SceneOutput
