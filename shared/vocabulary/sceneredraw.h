#pragma once

#include "icons/icondesign.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// A stored scene drawn again: with other parameter values (through the built-in engine, which checks
// them) and/or in another ink. One function for the server (PATCH /api/icons/:id, a set's new style) and
// the app (the Inspector's live preview), so both draw the same bytes.
namespace vocab {

struct RedrawnScene
{
    QJsonObject sceneJson; // the scene as it is now stored
    QString svg;
};

// `changes`: parameter name → value, merged over the scene's own values; empty = the scene as it is.
// `scopeSeed` as for IconEngine::generate ("<icon id>:<variant>"). nullopt with `errors` naming the
// parameter and its range (or why the scene cannot be drawn again); nothing is changed then.
std::optional<RedrawnScene> redrawScene(const QJsonObject &sceneJson, const QVariantMap &changes,
                                        ColorMode mode, const QString &scopeSeed, QStringList *errors);

} // namespace vocab
