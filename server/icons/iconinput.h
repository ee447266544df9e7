#pragma once

#include "generation/icongenerator.h"
#include "icons/iconrepository.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVariantMap>

#include <optional>

struct Request;

// Validation of what clients send to the icons routes. Every function throws ApiError (400 naming the
// field) for bad input; unknown fields are ignored (security-policy HT-5).
namespace IconInput {

constexpr int kMaxPromptLength = 1000;
constexpr int kMaxNameLength = 200;
constexpr int kMaxSearchLength = 200;
constexpr int kMaxAttachments = 5;
constexpr qint64 kMaxSvgBytes = 64 * 1024; // each SVG input, UTF-8
constexpr int kMaxLimit = 100;
constexpr int kDefaultLimit = 20;
constexpr qint64 kMaxOffset = 100000;

// POST /api/icons. SVG inputs come back sanitised (scoped with `seed`); an input the sanitiser rejects
// is a 400 naming the field (`referenceSvg`, `attachments[2].svg`) with the sanitiser's sentence. A
// `referenceScene` goes through the strict scene parser (400 naming the field and the scene's path).
// A refine names what it refines: `referenceIcon` (an icon id; the caller loads it, see
// ReferenceIcon), `referenceScene` or `referenceSvg`.
struct Create
{
    GenerationRequest generation;
    std::optional<QString> referenceIcon; // canonical id
    std::optional<int> referenceVariant;  // 0..2; default: the icon's selected variant
};
Create parseCreate(const QJsonObject &body, const QString &seed);

struct Import
{
    QString name;
    QString svg; // sanitised
};
// POST /api/icons/import.
Import parseImport(const QJsonObject &body, const QString &seed);

struct Patch
{
    std::optional<bool> favorite;
    std::optional<int> selectedVariant; // range checked against the icon by the caller
    // New parameter values per variant index ({"gear.teeth": 12}); checked against the scenes by the
    // caller (SceneEditor).
    QMap<int, QVariantMap> parameters;
    std::optional<ColorMode> colorMode; // every scene drawn again in the other palette
};
// PATCH /api/icons/{id}: at least one known field. Parameters come as {"parameters": {...}} (for
// `variant`, default the selected one) or {"variants": [{"index": i, "parameters": {...}}]}.
Patch parsePatch(const QJsonObject &body);

// GET /api/icons query: limit, offset, favorite, q, view (full | thumbnail).
IconListFilter parseListQuery(const Request &request);

// Sanitises one SVG input: size cap, then SvgSanitizer. Throws a 400 naming `field`.
QString sanitizeSvgInput(const QString &svg, const QString &field, const QString &seed);

} // namespace IconInput
