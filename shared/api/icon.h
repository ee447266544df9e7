#pragma once

#include "api/apienums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// An icon as the API carries it (POST /api/icons, GET/PATCH /api/icons/{id}, history pages), the one
// C++ definition the server, the app and the OpenAPI test share. The server's answers are written by
// PostgreSQL (IconRepository) in exactly this shape; tst_openapi validates toJson() and those
// answers against the published schemas `Icon`, `IconThumbnail` and `IconVariant`.
namespace api {

struct IconVariant
{
    QString id;
    QString name;
    QString svg;          // sanitised, viewBox 0 0 32 32
    QStringList warnings; // design-check findings
    // The parametric scene the SVG was drawn from (built-in engine, Claude's tool use); empty for
    // plain SVG, and absent from history pages.
    QJsonObject scene;

    // {id, name, svg, warnings[, scene]}: the wire and the stored form.
    QJsonObject toJson() const;
    // Warnings may also come as {message} objects (older servers).
    static IconVariant fromJson(const QJsonObject &o);
};

struct Icon
{
    QString id;
    QString prompt;
    Intent intent = Intent::Create;
    ColorMode colorMode = ColorMode::Dark;
    IconSource source = IconSource::Generated;
    bool favorite = false;
    int selectedVariant = 0;
    QList<IconVariant> variants; // 1..3: variants.size() is the variant count
    // What the built-in generator understood ({summary, concepts, parameters, ignoredWords[, notes]});
    // empty (null on the wire) for imports and icons from Claude.
    QJsonObject interpretation;
    QDateTime createdAt;
    QDateTime updatedAt;
    // false: read from a thumbnail (?view=thumbnail), which carries only the selected variant; the
    // others are placeholders (empty svg) and the interpretation is unknown until GET /api/icons/{id}.
    bool complete = true;

    bool isValid() const { return !id.isEmpty(); }
    QString svg(int variant) const; // clamped; "" when there is none
    QString selectedSvg() const { return svg(selectedVariant); }
    Output output() const { return variants.size() > 1 ? Output::Batch : Output::Single; }

    // The one-icon shape, or the thumbnail shape (variantCount + selected) when not complete.
    QJsonObject toJson() const;
    // Either shape; the seed's {id, svg} shape (one top-level svg) becomes one variant.
    static Icon fromJson(const QJsonObject &o);
};

// Times as the API writes them: UTC, milliseconds, "Z".
QString timeToJson(const QDateTime &time);

} // namespace api
