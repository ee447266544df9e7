#pragma once

#include "scene/scene.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace scene {

// One reason a scene was rejected, at a JSON path ("elements[3].points[2][0]").
struct SceneError
{
    QString path;
    QString message;
    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
};

struct SceneParseResult
{
    Scene scene;              // complete only when ok()
    QList<SceneError> errors; // at most maxErrors, in document order
    bool ok() const { return errors.isEmpty(); }
    QStringList messages() const;
};

// The strict reader of scene JSON: every key known, every number finite and within its range, every
// list within its size limit (scene::limits), nesting bounded, the layers fit the tool type (a drawing
// has no Context, an analysis no Primary). Errors name the JSON path so a model can repair its output.
// What it accepts, SceneRenderer draws; the renderer adds the checks that need the drawn geometry
// (a layer the tool type requires must not come out empty).
namespace SceneParser {
inline constexpr int maxErrors = 20;
SceneParseResult parse(const QByteArray &json);
SceneParseResult fromJson(const QJsonObject &object);
// Elements alone (no tool-type rule), e.g. to measure a part of a scene being built.
QList<SceneElement> parseElements(const QJsonArray &elements, QList<SceneError> *errors);
} // namespace SceneParser

} // namespace scene
