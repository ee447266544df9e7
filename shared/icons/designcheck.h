#pragma once

#include "icons/icondesign.h"

#include <QString>
#include <QStringList>

#include <optional>

struct DesignReport
{
    QStringList warnings;                     // short sentences for users, in document order, no duplicates
    std::optional<ToolType> inferredToolType; // from the layers present (Guide+Primary → drawing, …)
    bool passes() const { return warnings.isEmpty(); }
};

// Checks a sanitised icon against the design system: viewBox "0 0 32 32"; every coordinate of the drawn
// geometry (path data of all commands, lines, rects, circles, ellipses, polylines, polygons, after
// transforms) within [4, 28], grips within [3, 29]; the layer groups the tool type needs, identified by <g
// id="Guide…"> prefixes; grips are 2×2 rects; no geometry outside the layers. Without a tool type only the
// tool-independent rules apply, plus "a Primary or Context layer and at least one grip".
DesignReport checkIconDesign(const QString &sanitizedSvg, std::optional<ToolType> toolType = std::nullopt);
