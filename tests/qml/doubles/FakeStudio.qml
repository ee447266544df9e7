import QtQuick

// Test double with the QML surface of the Studio singleton. State changes like the real one for the
// calls the views make; every call is recorded in `calls`.
QtObject {
    id: studio

    property var history: FakeHistoryModel { }
    property var library: FakeHistoryModel { }
    property var session: FakeSessionLog { }
    // Studio.sets' surface: no sets.
    property var sets: ListModel {
        property bool loading: false
        property bool working: false
        property string error: ""
        signal exportFinished(bool ok, string text, url file)
        function create(name, colorMode, ids) { }
        function setStyle(id, colorMode) { }
        function addIcon(id, iconId) { }
        function removeIcon(id, iconId) { }
        function remove(id) { }
        function exportZip(id, file) { }
        function suggestedZipName(id) { return "toolbar.zip" }
    }
    // Studio.editor's surface: an icon without parameters (the Inspector says why).
    property var editor: QtObject {
        property var parameters: []
        property bool available: false
        property string status: "This icon has no parameters to edit."
        property bool dirty: false
        property bool canUndo: false
        property bool canRedo: false
        property bool canSave: false
        property bool saving: false
        property string saveState: ""
        property string error: ""
        function setValue(name, value) { }
        function beginGesture() { }
        function endGesture() { }
        function undo() { }
        function redo() { }
        function reset() { }
        function save() { }
    }
    property var calls: []
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function called(name) { return calls.filter((c) => c.name === name).length }

    // The command bar's state (the real Studio's Composer).
    property QtObject composer: QtObject {
        property string prompt: ""
        property string mode: "create"
        property int variantsRequested: 1
        property int maxVariants: 3
        readonly property string output: variantsRequested > 1 ? "batch" : "single"
        property string colorMode: "dark"
        property var attachments: []
        readonly property string placeholder: mode === "refine" ? "Refinement instructions..." : "Describe a geometric task..."
        function addAttachment(name, svg) { attachments = attachments.concat([{ id: "a" + attachments.length, name: name, svg: svg }]) }
        function removeAttachment(i) { studio.record("removeAttachment", [i]); const a = attachments.slice(); a.splice(i, 1); attachments = a }
        function clearAttachments() { attachments = [] }
    }
    property bool busy: false
    readonly property bool canSubmit: composer.prompt.trim().length > 0 && !busy

    // The shown icon (the real Studio's CurrentIcon).
    property QtObject current: QtObject {
        property bool valid: id.length > 0
        property string id: ""
        property string prompt: ""
        property string intent: "create"
        property string colorMode: "dark"
        property string source: "generated"
        property var createdAt: new Date(2025, 11, 22, 14, 30)
        property bool favorite: false
        property var variantSvgs: []
        property int variantCount: variantSvgs.length
        property int variantIndex: 0
        property bool variantsLoading: false // the real one: the other variants of an opened row are on their way
        readonly property string variantLabel: variantCount ? studio.pad(variantIndex + 1) + " / " + studio.pad(variantCount) : ""
        property string variantName: ""
        readonly property string svg: variantSvgs.length ? variantSvgs[Math.min(variantIndex, variantCount - 1)] : ""
        property var warnings: []
        property var interpretation: ({})
        signal changed()
        onIdChanged: changed()
    }
    property var suggestions: []
    property string notUnderstoodPrompt: ""

    // The stage's view state (the real Studio's StageView).
    property QtObject view: QtObject {
        property real zoom: 1
        readonly property real minZoom: 0.1
        readonly property real maxZoom: 10
        property bool showGrid: false
        property bool showBounds: false
        function zoomIn() { zoom = Math.min(maxZoom, zoom * 1.25) }
        function zoomOut() { zoom = Math.max(minZoom, zoom / 1.25) }
        function resetZoom() { zoom = 1 }
    }

    signal generated(string id)
    signal generationFailed(string message)
    signal notify(string message)

    function pad(n) { return (n < 10 ? "0" : "") + n }
    function submit() { record("submit", [composer.prompt]); session.addRequest(composer.prompt); composer.prompt = ""; busy = true; session.thinking = true }
    function cancel() { record("cancel", []); busy = false; session.thinking = false }
    function useSuggestion(text) { record("useSuggestion", [text]); composer.prompt = text; suggestions = []; notUnderstoodPrompt = ""; submit() }
    function dismissSuggestions() { record("dismissSuggestions", []); suggestions = []; notUnderstoodPrompt = "" }
    function selectAsset(id) {
        record("selectAsset", [id])
        const m = history.indexOf(id) >= 0 ? history : library
        const row = m.get(m.indexOf(id))
        if (!row) return
        current.id = row.id; current.prompt = row.prompt; current.intent = row.intent
        current.variantSvgs = [row.thumbnailSvg]; current.variantIndex = 0
    }
    function clearCurrent() { current.id = "" }
    function nextVariant() { record("nextVariant", []); if (current.variantIndex < current.variantCount - 1) current.variantIndex++ }
    function previousVariant() { record("previousVariant", []); if (current.variantIndex > 0) current.variantIndex-- }
    function setFavorite(f) { record("setFavorite", [f]); current.favorite = f }
    function toggleFavorite() { setFavorite(!current.favorite) }
    function refineCurrent() { record("refineCurrent", []); composer.mode = "refine" }
    function restyleCurrent() { record("restyleCurrent", [composer.colorMode]) }
    function addAttachmentFromAsset(id) {
        record("addAttachmentFromAsset", [id])
        const row = library.get(library.indexOf(id))
        composer.addAttachment(row ? row.prompt : id, row ? row.thumbnailSvg : "")
    }

    // Fills history, library, session and a current batch icon (screenshots and populated-view tests).
    function populate() {
        const prompts = ["Fillet two curves", "Loft between sections", "Boolean difference of solids",
                         "Offset surface", "Extrude along path", "Mirror geometry across plane"]
        for (let i = 0; i < prompts.length; ++i)
            history.append({ id: "h" + i, prompt: prompts[i], intent: i % 3 === 1 ? "refine" : "create",
                             colorMode: "dark", source: "generated", createdAt: new Date(2025, 11, 22, 14, 30 - i * 7),
                             variantCount: i % 2 ? 1 : 3, selectedVariant: 0, favorite: i < 2,
                             thumbnailSvg: Fixtures.svg(i), section: "" })
        library.append({ id: "u0", prompt: "Company logo mark", intent: "create", colorMode: "dark", source: "imported",
                         createdAt: new Date(2025, 11, 20, 9, 5), variantCount: 1, selectedVariant: 0, favorite: true,
                         thumbnailSvg: Fixtures.svg(2), section: "uploaded" })
        for (let j = 0; j < 2; ++j)
            library.append({ id: "h" + j, prompt: prompts[j], intent: j ? "refine" : "create", colorMode: "dark",
                             source: "generated", createdAt: new Date(2025, 11, 22, 14, 30 - j * 7), variantCount: 3,
                             selectedVariant: 0, favorite: true, thumbnailSvg: Fixtures.svg(j), section: "saved" })
        session.addRequest("Fillet two curves")
        session.addResult(["Fillet Arc", "Rounded Corner", "Blend Curve"])
        session.addRequest("Loft between sections")
        session.addError("The generator is not available right now")
        current.id = "h0"; current.prompt = prompts[0]; current.intent = "create"
        current.variantSvgs = [Fixtures.svg(0), Fixtures.svg(1), Fixtures.svg(2)]
        current.variantName = "Fillet Arc"; current.variantIndex = 0
        current.warnings = ["Stroke width 12 is off the 2-unit grid", "Two colours exceed the palette"]
    }
}
