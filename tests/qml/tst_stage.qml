import QtQuick
import QtTest
import ParametricIcons
import "doubles"

// Stage: empty state, variant stepper, zoom (buttons, Ctrl+wheel), overlays, busy overlay with Cancel,
// design-check warnings, actions on the current icon and crisp rendering size.
Item {
    id: root
    width: 1100
    height: 700

    Component {
        id: stageComponent
        Stage { width: 1000; height: 620; studio: FakeStudio { } exporter: FakeExporter { } }
    }

    TestCase {
        name: "Stage"
        when: windowShown

        function createStage(populate) {
            const stage = createTemporaryObject(stageComponent, root)
            verify(stage)
            if (populate)
                stage.studio.populate()
            waitForRendering(stage)
            return stage
        }

        function test_emptyState() {
            const stage = createStage(false)
            verify(!findChild(stage, "stageSvg").visible)
            verify(!findChild(stage, "variantStepper").visible)
            for (const name of ["favoriteButton", "copySvgButton", "downloadButton", "exportButton"])
                verify(!findChild(stage, name).enabled, name + " disabled without an icon")
            verify(findChild(stage, "refineButton").enabled)
        }

        function test_variantStepper() {
            const stage = createStage(true)
            verify(findChild(stage, "variantStepper").visible)
            compare(findChild(stage, "variantLabel").text, "01 / 03")
            const prev = findChild(stage, "previousVariant"), next = findChild(stage, "nextVariant")
            verify(!prev.enabled)
            mouseClick(next)
            compare(findChild(stage, "variantLabel").text, "02 / 03")
            mouseClick(next)
            compare(findChild(stage, "variantLabel").text, "03 / 03")
            verify(!next.enabled)
            verify(prev.enabled)
            compare(next.toolTipText, "Next variant")
            compare(next.text, "Next variant")
        }

        // An icon opened from a history row: its other variants are on their way, so stepping waits
        // (it would show an empty stage) while the selected variant stays on the stage.
        function test_stepperWaitsForLoadingVariants() {
            const stage = createStage(true)
            const prev = findChild(stage, "previousVariant"), next = findChild(stage, "nextVariant")
            stage.studio.current.variantIndex = 1
            stage.studio.current.variantsLoading = true
            verify(!next.enabled)
            verify(!prev.enabled)
            verify(findChild(stage, "stageSvg").visible)
            stage.studio.current.variantsLoading = false
            verify(next.enabled)
            verify(prev.enabled)
        }

        function test_singleVariantHidesStepper() {
            const stage = createStage(true)
            stage.studio.current.variantSvgs = [Fixtures.svg(1)]
            verify(!findChild(stage, "variantStepper").visible)
        }

        function test_zoom() {
            const stage = createStage(true)
            const svg = findChild(stage, "stageSvg")
            const vp = findChild(stage, "viewport")
            compare(svg.width, vp.width)
            mouseClick(findChild(stage, "zoomIn"))
            fuzzyCompare(stage.studio.view.zoom, 1.25, 1e-9)
            compare(findChild(stage, "zoomLabel").text, "125%")
            // The SVG is laid out (and so rasterised) at the zoomed size, not scaled as a bitmap.
            compare(svg.width, Math.round(vp.width * 1.25))
            mouseClick(findChild(stage, "zoomReset"))
            compare(stage.studio.view.zoom, 1)
            mouseClick(findChild(stage, "zoomOut"))
            fuzzyCompare(stage.studio.view.zoom, 0.8, 1e-9)
            // Ctrl+wheel zooms, a plain wheel does not.
            mouseWheel(vp, vp.width / 2, vp.height / 2, 0, 120, Qt.NoButton, Qt.ControlModifier)
            fuzzyCompare(stage.studio.view.zoom, 1, 1e-9)
            mouseWheel(vp, vp.width / 2, vp.height / 2, 0, 120)
            fuzzyCompare(stage.studio.view.zoom, 1, 1e-9)
        }

        function test_overlayToggles() {
            const stage = createStage(true)
            const grid = findChild(stage, "toggleGrid")
            compare(grid.toolTipText, "Toggle Grid")
            mouseClick(grid)
            verify(stage.studio.view.showGrid)
            verify(grid.checked)
            mouseClick(findChild(stage, "toggleBounds"))
            verify(stage.studio.view.showBounds)
            mouseClick(grid)
            verify(!stage.studio.view.showGrid)
        }

        function test_busyOverlayCancel() {
            const stage = createStage(true)
            const overlay = findChild(stage, "busyOverlay")
            verify(!overlay.visible)
            stage.studio.busy = true
            tryVerify(() => overlay.opacity === 1)
            mouseClick(findChild(stage, "cancelGeneration"))
            compare(stage.studio.calls.filter((c) => c.name === "cancel").length, 1)
            verify(!stage.studio.busy)
        }

        function test_warnings() {
            const stage = createStage(true)
            // 1000 px wide with a 500 px viewport: room beside it.
            verify(findChild(stage, "warningsPanel").visible)
            verify(!findChild(stage, "warningsPill").visible)
            stage.width = 700
            verify(!findChild(stage, "warningsPanel").visible)
            const pill = findChild(stage, "warningsPill")
            verify(pill.visible)
            compare(pill.text, "2 design warnings")
            stage.studio.current.warnings = []
            verify(!pill.visible)
        }

        function test_actions() {
            const stage = createStage(true)
            const fav = findChild(stage, "favoriteButton")
            compare(fav.toolTipText, "Save to Library")
            mouseClick(fav)
            verify(stage.studio.current.favorite)
            compare(fav.toolTipText, "Remove from Library")
            mouseClick(findChild(stage, "copySvgButton"))
            compare(stage.exporter.called("copySvg").length, 1)
            compare(stage.exporter.called("copySvg")[0].args[0], stage.studio.current.svg)
            const exportSpy = createTemporaryObject(spy, root, { target: stage, signalName: "exportRequested" })
            mouseClick(findChild(stage, "exportButton"))
            compare(exportSpy.count, 1)
        }

        function test_renderedPixels() {
            const stage = createStage(true)
            const vp = findChild(stage, "viewport")
            // The fixture's cyan triangle stroke crosses the centre column near 75 % height.
            function strokeFound() {
                const image = grabImage(vp)
                for (let y = Math.round(vp.height * 0.6); y < vp.height * 0.85; ++y) {
                    const c = image.pixel(Math.round(vp.width / 2), y)
                    if (c.g > 0.8 && c.b > 0.8 && c.r > 0.45)
                        return true
                }
                return false
            }
            tryVerify(strokeFound, 3000, "the SVG is rendered into the viewport")
        }
    }

    Component { id: spy; SignalSpy { } }
}
