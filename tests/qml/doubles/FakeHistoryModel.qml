import QtQuick

// Test double with the QML surface of HistoryModel / LibraryModel (roles and properties), backed by a
// ListModel, for views tested without a server. Calls are recorded in `calls`.
ListModel {
    id: model

    property bool loading: false
    property string error: ""
    property bool fromCache: false
    property string searchText: ""
    property bool undoAvailable: false
    property string undoText: ""
    property int undoWindowMs: 5000
    property int total: count
    property bool importing: false
    property int maxImportBytes: 65536
    property var calls: []
    property var removedRow: null
    signal imported(string id)
    signal importFailed(string message)

    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function refresh() { record("refresh", []) }
    function indexOf(id) {
        for (let i = 0; i < count; ++i)
            if (get(i).id === id) return i
        return -1
    }
    // Shadows ListModel.remove(index) with HistoryModel.remove(id) (undo window).
    function remove(id) {
        record("remove", [id])
        const i = indexOf(id)
        if (i < 0) return
        const rows = []
        for (let r = 0; r < count; ++r)
            rows.push(get(r))
        const copy = rows.map((row) => Object.assign({}, { id: row.id, prompt: row.prompt, intent: row.intent,
            colorMode: row.colorMode, source: row.source, createdAt: row.createdAt, variantCount: row.variantCount,
            selectedVariant: row.selectedVariant, favorite: row.favorite, thumbnailSvg: row.thumbnailSvg,
            section: row.section }))
        removedRow = { row: i, data: copy[i] }
        undoText = qsTr("Deleted “%1”").arg(copy[i].prompt)
        clear()
        copy.forEach((row, r) => { if (r !== i) append(row) })
        undoAvailable = true
    }
    function undoRemove() {
        record("undoRemove", [])
        if (!removedRow) return
        insert(removedRow.row, removedRow.data)
        removedRow = null
        undoAvailable = false
    }
    function removeItem(id) { record("removeItem", [id]); remove(id) }
    function setFavorite(id, favorite) { record("setFavorite", [id, favorite]) }
    function validateSvg(text, name) {
        return text.indexOf("<svg") >= 0 ? { ok: true, name: name || "Untitled", svg: text, error: "" }
                                         : { ok: false, name: "", svg: "", error: "Invalid SVG: no <svg> element" }
    }
    function validateFile(url) {
        record("validateFile", [url])
        const s = url.toString()
        return s.endsWith(".svg") ? { ok: true, name: decodeURIComponent(s.split("/").pop()).replace(/\.svg$/, ""), svg: Fixtures.svg(0), error: "" }
                                  : { ok: false, name: "", svg: "", error: "Invalid SVG: not an SVG file" }
    }
    function importSvg(name, svg) { record("importSvg", [name, svg]) }
}
