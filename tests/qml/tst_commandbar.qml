import QtQuick
import QtTest
import ParametricIcons
import "doubles"

// CommandBar: placeholders per mode, Enter submits, submit disabled when blank or busy, attachments.
Item {
    id: root
    width: 1000
    height: 300

TestCase {
    id: tc
    name: "CommandBar"
    when: windowShown

    Component { id: barComponent; CommandBar { width: 900; studio: FakeStudio { } } }

    function createBar() {
        const bar = createTemporaryObject(barComponent, root)
        verify(bar)
        waitForRendering(bar)
        return bar
    }

    function test_placeholderFollowsMode() {
        const bar = createBar()
        const field = findChild(bar, "promptField")
        compare(field.placeholderText, "Describe a geometric task...")
        bar.studio.composer.mode = "refine"
        compare(field.placeholderText, "Refinement instructions...")
    }

    function test_submitDisabledWhenBlank() {
        const bar = createBar()
        const submit = findChild(bar, "submitButton")
        verify(!submit.enabled)
        bar.studio.composer.prompt = "   "
        verify(!submit.enabled)
        bar.studio.composer.prompt = "fillet"
        verify(submit.enabled)
        bar.studio.busy = true
        verify(!submit.enabled)
        verify(!findChild(bar, "promptField").enabled, "input disabled while generating")
    }

    function test_enterSubmits() {
        const bar = createBar()
        const field = findChild(bar, "promptField")
        field.forceActiveFocus()
        keyPress(Qt.Key_Return) // blank: nothing
        compare(bar.studio.called("submit"), 0)
        keyClick("f"); keyClick("i"); keyClick("l")
        compare(bar.studio.composer.prompt, "fil")
        keyPress(Qt.Key_Return, Qt.ShiftModifier)
        compare(bar.studio.called("submit"), 0, "Shift+Enter does not submit")
        keyPress(Qt.Key_Return)
        compare(bar.studio.called("submit"), 1)
        compare(bar.studio.calls[0].args[0], "fil")
    }

    function test_clickSubmit() {
        const bar = createBar()
        bar.studio.composer.prompt = "loft"
        mouseClick(findChild(bar, "submitButton"))
        compare(bar.studio.called("submit"), 1)
    }

    function test_attachmentsTray() {
        const bar = createBar()
        const tray = findChild(bar, "attachmentsTray")
        verify(!tray.visible)
        bar.studio.composer.addAttachment("Logo", Fixtures.svg(0))
        bar.studio.composer.addAttachment("Gear", Fixtures.svg(1))
        verify(tray.visible)
        waitForRendering(bar)
        const remove = findChild(bar, "removeAttachment_0")
        verify(remove)
        compare(remove.Accessible.name, "Remove Logo")
        mouseClick(remove)
        compare(bar.studio.composer.attachments.length, 1)
        compare(bar.studio.composer.attachments[0].name, "Gear")
    }

    function test_addFromLibrary() {
        const bar = createBar()
        const spy = createTemporaryObject(spyComponent, tc, { target: bar, signalName: "addFromLibrary" })
        mouseClick(findChild(bar, "addFromLibrary"))
        compare(spy.count, 1)
    }

    function test_selectors() {
        const bar = createBar()
        const mode = findChild(bar, "modeSelector")
        compare(mode.Accessible.name, "Mode: Create")
        mode.activated("refine")
        compare(bar.studio.composer.mode, "refine")
        compare(mode.Accessible.name, "Mode: Refine")
        const output = findChild(bar, "outputSelector")
        compare(output.options.length, 3, "Single, Batch of 2, Batch of 3")
        output.activated("2")
        compare(bar.studio.composer.variantsRequested, 2)
        compare(bar.studio.composer.output, "batch")
        compare(output.Accessible.name, "Output: Batch of 2")
        bar.studio.composer.maxVariants = 2
        compare(output.options.length, 2, "no bigger batch than the server accepts")
    }

    // The ink control says which toolbar the icon is for and previews ink on that paper; choosing
    // asks the studio to restyle the current icon.
    function test_inkControl() {
        const bar = createBar()
        const style = findChild(bar, "styleSelector")
        compare(style.Accessible.name, "Ink for: Light toolbar")
        const swatch = findChild(style, "selectorSwatch")
        verify(swatch.visible)
        verify(Qt.colorEqual(swatch.paper, Theme.canvasFor("dark")))
        verify(swatch.ink.hslLightness < 0.2, "dark ink on the light toolbar's paper")
        style.activated("light")
        compare(bar.studio.composer.colorMode, "light")
        compare(style.Accessible.name, "Ink for: Dark toolbar")
        verify(Qt.colorEqual(swatch.paper, Theme.canvasFor("light")))
        verify(swatch.ink.hslLightness > 0.8)
        compare(bar.studio.called("restyleCurrent"), 1)
    }

    Component { id: spyComponent; SignalSpy { } }
}
}
