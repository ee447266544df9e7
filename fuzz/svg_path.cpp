// Fuzz target: SVG path data (shared/svg/svgpath). Beyond not crashing, the valid prefix it reports
// parses to the same segments, and every sampled point is a finite number.
#include "svg/svgpath.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t length)
{
    const QString d = QString::fromUtf8(reinterpret_cast<const char *>(bytes), qsizetype(length));
    const SvgPathParseResult result = SvgPath::parse(d);
    check(result.validLength >= 0 && result.validLength <= d.size());
    check(result.ok || !result.error.isEmpty());
    if (!result.ok && result.validLength > 0) {
        const SvgPathParseResult prefix = SvgPath::parse(QStringView(d).first(result.validLength));
        check(prefix.ok && prefix.segments.size() == result.segments.size());
    }
    for (const QPointF &point : SvgPath::sample(result.segments, 4))
        check(std::isfinite(point.x()) && std::isfinite(point.y()));
    return 0;
}
