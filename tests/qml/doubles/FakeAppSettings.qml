import QtQuick

// Test double of the AppSettings singleton (in-memory; records the Anthropic key calls, never the key).
QtObject {
    property string serverMode: "integrated"
    property string serverUrl: ""
    property bool serverOverridden: false
    property string overrideUrl: ""
    property bool anthropicKeySet: false
    property string defaultMode: "create"
    property string defaultOutput: "single"
    property string defaultStyle: "dark"
    property string theme: "dark"
    property int historyCacheSize: 200
    property bool sidebarOpen: true
    property string sidebarTab: "history"
    property bool showGrid: false
    property bool showBounds: false
    property int keyCalls: 0
    signal errorOccurred(string message)
    function setAnthropicKey(key) { keyCalls++; anthropicKeySet = key.length > 0 }
    function clearAnthropicKey() { setAnthropicKey("") }
}
