// Fuzz target: scene JSON (shared/scene), the input Claude's scenes will arrive as. Beyond not
// crashing: whatever the parser accepts, the renderer either draws in the design system (the check
// passes for the scene's tool type, and the SVG is a fixed point of the sanitiser) or refuses with an
// error; every error names something.
#include "icons/designcheck.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "svg/svgsanitizer.h"

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
    const QByteArray json(reinterpret_cast<const char *>(bytes), qsizetype(length));
    const scene::SceneParseResult parsed = scene::SceneParser::parse(json);
    check(parsed.errors.size() <= scene::SceneParser::maxErrors);
    for (const scene::SceneError &e : parsed.errors)
        check(!e.message.isEmpty());
    if (!parsed.ok())
        return 0;
    for (ColorMode mode : {ColorMode::Dark, ColorMode::Light}) {
        const scene::RenderResult rendered =
            scene::SceneRenderer::render(parsed.scene, mode, QStringLiteral("fuzz"));
        if (!rendered.ok()) {
            check(!rendered.errors.isEmpty());
            continue;
        }
        check(checkIconDesign(rendered.svg, parsed.scene.toolType).passes());
        const SvgSanitizeResult clean = SvgSanitizer::sanitize(rendered.svg, QStringLiteral("fuzz"));
        check(clean.ok && clean.svg == rendered.svg);
    }
    return 0;
}
