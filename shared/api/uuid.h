#pragma once

#include <QString>

#include <optional>

// The API's ids: UUIDs in canonical lower-case text.
namespace api {

// A fresh UUIDv7 (RFC 9562: 48-bit Unix milliseconds, then random bits), lower-case canonical text.
// Time-ordered ids keep the primary-key index append-mostly.
QString newUuid();

// The canonical lower-case form of a UUID given in its 36-character text form, or nullopt for
// anything else (braces, missing dashes, other lengths, non-hex). Malformed ids become 404s.
std::optional<QString> canonicalUuid(QStringView text);

} // namespace api
