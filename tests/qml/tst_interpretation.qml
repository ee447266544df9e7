import QtQuick
import QtTest
import ParametricIcons
import "doubles"

// Under the stage: what the generator understood of the current icon's prompt, and, after a prompt it
// did not understand, suggestion chips that generate the suggested prompt.
Item {
    id: root
    width: 900
    height: 200

    Component {
        id: barComponent
        InterpretationBar { width: 860; studio: FakeStudio { } }
    }

    TestCase {
        name: "InterpretationBar"
        when: windowShown

        function createBar() {
            const bar = createTemporaryObject(barComponent, root)
            verify(bar)
            return bar
        }

        function test_hiddenWithoutAnything() {
            const bar = createBar()
            verify(!bar.visible)
            compare(bar.implicitHeight, 0)
        }

        function test_showsWhatWasUnderstood() {
            const bar = createBar()
            bar.studio.current.id = "icon-1"
            bar.studio.current.interpretation = {
                summary: "gear",
                concepts: [{ id: "gear", name: "Gear", role: "subject" }],
                parameters: [{ concept: "gear", name: "teeth", label: "Teeth", value: 8 }],
                ignoredWords: ["teapot"],
                notes: []
            }
            waitForRendering(bar)
            verify(bar.visible)
            const summary = findChild(bar, "interpretationSummary")
            verify(summary.visible)
            compare(summary.text, "Understood: gear  ·  teeth 8  ·  ignored: teapot")
            compare(bar.chips.count, 0)
            // An icon without an interpretation (imported, Claude) shows nothing.
            bar.studio.current.interpretation = ({})
            verify(!bar.visible)
        }

        function test_suggestionChipsGenerateTheSuggestion() {
            const bar = createBar()
            bar.studio.current.id = "icon-1"
            bar.studio.current.interpretation = { summary: "box", parameters: [], ignoredWords: [] }
            bar.studio.notUnderstoodPrompt = "a friendly cat"
            bar.studio.suggestions = ["box", "gear", "fillet", "polar array", "distance"]
            waitForRendering(bar)
            // Suggestions replace the interpretation of the previous icon.
            verify(!findChild(bar, "interpretationSummary").visible)
            compare(findChild(bar, "suggestionsLabel").text, "Nothing to draw for “a friendly cat”. Try:")
            compare(bar.chips.count, 5)
            const chip = bar.chips.itemAt(3)
            compare(chip.text, "polar array")
            compare(chip.Accessible.name, "Generate “polar array”")
            mouseClick(chip)
            compare(bar.studio.called("useSuggestion"), 1)
            compare(bar.studio.calls.filter(c => c.name === "useSuggestion")[0].args[0], "polar array")
            compare(bar.studio.called("submit"), 1)
            compare(bar.chips.count, 0)
        }

        function test_chipsWaitWhileBusy() {
            const bar = createBar()
            bar.studio.notUnderstoodPrompt = "xyzzy"
            bar.studio.suggestions = ["box"]
            bar.studio.busy = true
            waitForRendering(bar)
            verify(!bar.chips.itemAt(0).enabled)
            mouseClick(bar.chips.itemAt(0))
            compare(bar.studio.called("useSuggestion"), 0)
        }

        function test_keyboard() {
            const bar = createBar()
            bar.studio.notUnderstoodPrompt = "xyzzy"
            bar.studio.suggestions = ["box", "gear"]
            waitForRendering(bar)
            bar.chips.itemAt(1).forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Space)
            compare(bar.studio.calls.filter(c => c.name === "useSuggestion")[0].args[0], "gear")
        }
    }
}
