#pragma once

#include <QString>

// File names derived from a prompt, the way the original product built them:
// split camelCase, lowercase, keep [a-z0-9 -], collapse runs of space/-/_ into "_", at most 64 chars.
QString sanitizeFilename(const QString &text, const QString &fallback = QStringLiteral("export"));

// "<base>[_variant_<n>][.<ext>]": the variant suffix only when the icon has more than one variant
// (variantIndex is 0-based); `extension` may start with a dot and is lowercased.
QString variantFileName(const QString &base, int variantIndex, int variantCount, const QString &extension);

// The file name of one exported variant: "<sanitized prompt>[_variant_<n>][.<ext>]", with the
// suffix only when the icon has more than one variant (variantIndex is 0-based). A blank prompt is
// "icon"; a prompt with nothing usable in it is "export". `extension` may start with a dot and is
// lowercased. The app, the server's download route and the command-line tool all name files so.
QString iconFileName(const QString &prompt, int variantIndex, int variantCount, const QString &extension);
