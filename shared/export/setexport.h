#pragma once

#include "icons/icondesign.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// A toolbar set exported in one step: every icon as SVG, PNG at the toolbar sizes, ICO and ICNS, in
// one ZIP with a manifest. Icons drawn from a scene are drawn in the set's ink and hinted for each
// small raster (crisp 1-px strokes, grips kept at 16 px); plain-SVG icons are exported as they are
// (the manifest says which). Shared by the app (offline, from what it has) and any other client.
namespace SetExport {

struct Member
{
    QString name;      // the icon's name (its prompt): the file names come from it
    QString svg;       // as stored (used when there is no scene)
    QJsonObject scene; // the scene of the exported variant; empty for plain SVG
    QString seed;      // scopes the SVG ids ("<icon id>:<variant>")
};

// PNG sizes of toolbar icons: Grasshopper components use 24, Rhino toolbars 24/32/48.
QList<int> pngSizes(); // 16 24 32 48 64

// One file base name per name, from sanitizeFilename, unique in the list ("gear", "gear_2", …).
QStringList uniqueBaseNames(const QStringList &names);

// The SVG of a member in `mode` at `pixelSize` (0: the vector as designed; else hinted for that
// raster). Plain-SVG members give their SVG.
QString drawing(const Member &member, ColorMode mode, int pixelSize = 0);

struct Result
{
    QByteArray zip; // empty on error
    QString error;  // which icon could not be drawn
    QJsonObject manifest;
};

// ZIP layout: svg/<base>.svg, png/<size>/<base>.png, ico/<base>.ico, icns/<base>.icns, manifest.json
// ({set, colorMode, sizes, icons:[{name, base, fromScene, files:{svg, png:{"16": …}, ico, icns}}]}).
Result zip(const QString &setName, ColorMode mode, const QList<Member> &members);

} // namespace SetExport
