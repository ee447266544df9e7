#pragma once

#include <QString>

#include <optional>

namespace iconids {
// A fresh UUIDv7 (RFC 9562: 48-bit Unix milliseconds, then random bits), lower-case canonical text.
// Time-ordered ids keep the primary-key index append-mostly, as the original's v7 ids did.
QString newUuid();

// The canonical lower-case form of a UUID given in its 36-character text form, or nullopt for
// anything else (braces, missing dashes, other lengths, non-hex). Malformed ids become 404s.
std::optional<QString> canonicalUuid(const QString &text);
} // namespace iconids
