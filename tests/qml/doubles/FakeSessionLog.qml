import QtQuick

// Test double of SessionLogModel (roles role, label, text, kind, timestamp).
ListModel {
    property bool thinking: false
    function addRequest(prompt) { append({ role: "user", label: "USER", text: prompt, kind: "request", timestamp: new Date() }) }
    function addResult(names) {
        append({ role: "assistant", label: "SYSTEM", kind: "result", timestamp: new Date(),
                 text: "Generated " + names.length + (names.length === 1 ? " variant: " : " variants: ") + names.join(", ") })
    }
    function addError(message) { append({ role: "assistant", label: "SYSTEM", text: "Error: " + message, kind: "error", timestamp: new Date() }) }
}
