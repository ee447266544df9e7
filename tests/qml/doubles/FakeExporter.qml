import QtQuick

// Test double of the Exporter singleton: records every call, writes nothing.
QtObject {
    property var pngSizes: [16, 24, 32, 48, 64, 128, 256, 512, 1024]
    property string lastError: ""
    property url downloadsFolder: "file:///tmp"
    property url startFolder: "file:///tmp"
    property bool nativeSaveDialog: false
    property var existing: [] // paths resolveSaveTarget reports as existing
    property var calls: []
    signal exported(url file, string message)
    function displayPath(p) { return String(p).replace("file://", "") }
    function resolveSaveTarget(folder, name, ext) {
        const base = String(folder).replace("file://", "")
        let path = name.startsWith("/") ? name : base + "/" + name
        if (ext.length && !path.endsWith("." + ext)) path += "." + ext
        return { ok: name.length > 0, path: path, url: "file://" + path, folder: "file://" + path.substring(0, path.lastIndexOf("/")),
                 fileName: path.substring(path.lastIndexOf("/") + 1), exists: existing.indexOf(path) >= 0, error: name.length ? "" : "Enter a file name." }
    }
    function rememberFolder(file) { record("rememberFolder", [file]) }
    function download(svg, prompt, i, n) { record("download", [prompt]); return "file:///tmp/" + fileName(prompt, i, n, "svg") }
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]); return true }
    function called(name) { return calls.filter((c) => c.name === name) }
    function fileName(prompt, i, n, ext) { return (prompt.length ? prompt.toLowerCase().replace(/[^a-z0-9]+/g, "_") : "icon") + (n > 1 ? "_variant_" + (i + 1) : "") + "." + ext }
    function suggestedFile(prompt, i, n, ext) { return "file:///tmp/" + fileName(prompt, i, n, ext) }
    function saveSvg(svg, file) { return record("saveSvg", [svg, file]) }
    function savePng(svg, size, file) { return record("savePng", [svg, size, file]) }
    function saveZip(svgs, prompt, file) { return record("saveZip", [svgs, prompt, file]) }
    function saveIco(svg, file) { return record("saveIco", [svg, file]) }
    function saveIcns(svg, file) { return record("saveIcns", [svg, file]) }
    function copySvg(svg) { record("copySvg", [svg]) }
    function copyPng(svg, size) { record("copyPng", [svg, size]) }
    function dragFile(svg, prompt, i, n) { record("dragFile", [prompt]); return "file:///tmp/" + fileName(prompt, i, n, "svg") }
}
