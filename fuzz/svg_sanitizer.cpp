// Fuzz target: the SVG sanitiser (shared/svg/svgsanitizer). Beyond not crashing, what it returns is
// final: sanitising its own output succeeds and changes nothing (as svgsanitizer.h promises).
#include "svg/svgsanitizer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t length)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(bytes), qsizetype(length));
    const SvgSanitizeResult first = SvgSanitizer::sanitize(input);
    if (!first.ok)
        return 0;
    const SvgSanitizeResult second = SvgSanitizer::sanitize(first.svg);
    if (!second.ok || second.svg != first.svg)
        std::abort();
    return 0;
}
