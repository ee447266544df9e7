#pragma once

#include "generation/icongenerator.h"
#include "icons/iconrepository.h"

#include <QJsonObject>
#include <QString>

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
// is a 400 naming the field (`referenceSvg`, `attachments[2].svg`) with the sanitiser's sentence.
GenerationRequest parseCreate(const QJsonObject &body, const QString &seed);

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
};
// PATCH /api/icons/{id}: at least one known field.
Patch parsePatch(const QJsonObject &body);

// GET /api/icons query: limit, offset, favorite, q, view (full | thumbnail).
IconListFilter parseListQuery(const Request &request);

// Sanitises one SVG input: size cap, then SvgSanitizer. Throws a 400 naming `field`.
QString sanitizeSvgInput(const QString &svg, const QString &field, const QString &seed);

} // namespace IconInput
