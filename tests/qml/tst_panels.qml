import QtQuick
import QtTest
import ParametricIcons
import "doubles"

// Sidebar panels: History (rows, select, delete + undo, search, empty, error + Retry, loading),
// Inspector, Library (sections, reference, remove) and Session (entries, THINKING, empty).
Item {
    id: root
    width: 420
    height: 700

    Component { id: historyComponent; HistoryPanel { width: 320; height: 640; studio: FakeStudio { } } }
    Component { id: inspectorComponent; InspectorPanel { width: 320; height: 640; studio: FakeStudio { } exporter: FakeExporter { } } }
    Component { id: libraryComponent; LibraryPanel { width: 320; height: 640; studio: FakeStudio { } } }
    Component { id: sessionComponent; SessionPanel { width: 320; height: 640; studio: FakeStudio { } } }

    TestCase {
        name: "Panels"
        when: windowShown

        function make(component, populate) {
            const panel = createTemporaryObject(component, root)
            verify(panel)
            if (populate)
                panel.studio.populate()
            waitForRendering(panel)
            return panel
        }

        function test_historyEmpty() {
            const panel = make(historyComponent, false)
            const empty = findChild(panel, "historyEmpty")
            verify(empty.visible)
            compare(empty.title, "No history yet")
            panel.studio.history.loading = true
            verify(!empty.visible, "no empty state while the first page loads")
        }

        function test_historyRowsAndSelect() {
            const panel = make(historyComponent, true)
            const list = findChild(panel, "historyList")
            compare(list.count, 6)
            verify(!findChild(panel, "historyEmpty").visible)
            const row = findChild(panel, "historyRow_2")
            verify(row)
            compare(row.prompt, "Boolean difference of solids")
            mouseClick(row)
            compare(panel.studio.current.id, "h2")
            verify(row.current)
        }

        // The current icon is scrolled into view and marked, also when it is a new row at the top.
        function test_historyFollowsCurrent() {
            const panel = make(historyComponent, true)
            const list = findChild(panel, "historyList")
            const h = panel.studio.history
            for (let i = 6; i < 30; ++i)
                h.append({ id: "h" + i, prompt: "Icon " + i, intent: "create", colorMode: "dark", source: "generated",
                           createdAt: new Date(2025, 10, 1), variantCount: 1, selectedVariant: 0, favorite: false,
                           thumbnailSvg: Fixtures.svg(i % 3), section: "" })
            panel.studio.selectAsset("h29")
            tryVerify(() => list.contentY > 0, 3000, "scrolled down to the current icon")
            const row = findChild(panel, "historyRow_29")
            verify(row && row.current)
            verify(findChild(row, "currentMarker").visible)
            // A new generation lands above the visible rows and becomes current: the list goes up.
            h.insert(0, { id: "new", prompt: "Fresh icon", intent: "create", colorMode: "dark", source: "generated",
                          createdAt: new Date(), variantCount: 1, selectedVariant: 0, favorite: false,
                          thumbnailSvg: Fixtures.svg(0), section: "" })
            panel.studio.selectAsset("new")
            tryVerify(() => list.contentY <= list.originY + 1, 3000, "back at the top")
            tryVerify(() => findChild(panel, "historyRow_0") && findChild(panel, "historyRow_0").current)
        }

        function test_historyDeleteAndUndo() {
            const panel = make(historyComponent, true)
            const undo = findChild(panel, "historyUndo")
            verify(!undo.active)
            mouseClick(findChild(panel, "deleteHistory_1"))
            compare(findChild(panel, "historyList").count, 5)
            verify(undo.active)
            compare(undo.text, "Deleted “Loft between sections”")
            tryVerify(() => undo.opacity === 1)
            mouseClick(findChild(undo, "undoButton"))
            compare(findChild(panel, "historyList").count, 6)
            compare(panel.studio.history.get(1).id, "h1")
            verify(!undo.active)
        }

        function test_historySearch() {
            const panel = make(historyComponent, false)
            const search = findChild(panel, "historySearch")
            search.forceActiveFocus()
            keyClick("l"); keyClick("o"); keyClick("f"); keyClick("t")
            compare(panel.studio.history.searchText, "loft")
            const empty = findChild(panel, "historyEmpty")
            compare(empty.title, "No matches")
            keyClick(Qt.Key_Escape)
            compare(panel.studio.history.searchText, "")
        }

        function test_historyErrorRetry() {
            const panel = make(historyComponent, false)
            panel.studio.history.error = "Server unreachable"
            const error = findChild(panel, "historyError")
            verify(error.visible)
            verify(!findChild(panel, "historyEmpty").visible)
            mouseClick(findChild(error, "retryButton"))
            compare(panel.studio.history.calls.filter((c) => c.name === "refresh").length, 1)
        }

        function test_inspector() {
            const panel = make(inspectorComponent, false)
            verify(findChild(panel, "inspectorEmpty").visible)
            panel.studio.populate()
            verify(!findChild(panel, "inspectorEmpty").visible)
            compare(findChild(panel, "inspectorPrompt").text, "Fillet two curves")
            compare(findChild(panel, "inspectorVariants").text, "3")
            compare(findChild(panel, "inspectorIntent").text, "create")
            compare(findChild(panel, "inspectorSource").text, panel.studio.current.svg)
            mouseClick(findChild(panel, "copySource"))
            compare(panel.exporter.called("copySvg").length, 1)
        }

        function test_library() {
            const panel = make(libraryComponent, false)
            const empty = findChild(panel, "libraryEmpty")
            verify(empty.visible)
            compare(empty.title, "No Saved Items")
            panel.studio.populate()
            waitForRendering(panel)
            verify(!empty.visible)
            compare(findChild(panel, "libraryList").count, 3)
            compare(findChild(panel, "libraryRow_0").badge, "upload")
            mouseClick(findChild(panel, "useAsReference_1"))
            compare(panel.studio.composer.attachments.length, 1)
            compare(panel.studio.composer.attachments[0].name, "Fillet two curves")
            mouseClick(findChild(panel, "libraryRow_2"))
            compare(panel.studio.current.id, "h1")
            mouseClick(findChild(panel, "removeLibrary_2"))
            compare(panel.studio.library.calls.filter((c) => c.name === "removeItem")[0].args[0], "h1")
            const spy = createTemporaryObject(spyComponent, root, { target: panel, signalName: "uploadRequested" })
            mouseClick(findChild(panel, "uploadSvgButton"))
            compare(spy.count, 1)
        }

        function test_session() {
            const panel = make(sessionComponent, false)
            const empty = findChild(panel, "sessionEmpty")
            compare(empty.title, "Session Log Empty")
            verify(empty.visible)
            panel.studio.session.thinking = true
            verify(!empty.visible)
            tryVerify(() => findChild(panel, "thinkingCard") && findChild(panel, "thinkingCard").visible)
            panel.studio.session.thinking = false
            panel.studio.populate()
            compare(findChild(panel, "sessionList").count, 4)
            waitForRendering(panel)
            const entry = findChild(panel, "sessionEntry_1")
            verify(entry)
            compare(entry.Accessible.name, "SYSTEM: Generated 3 variants: Fillet Arc, Rounded Corner, Blend Curve")
            verify(findChild(panel, "sessionEntry_3").failed)
        }
    }

    Component { id: spyComponent; SignalSpy { } }
}
