#pragma once

#include <QString>

// File names derived from a prompt, the way the original product built them:
// split camelCase, lowercase, keep [a-z0-9 -], collapse runs of space/-/_ into "_", at most 64 chars.
QString sanitizeFilename(const QString &text, const QString &fallback = QStringLiteral("export"));
