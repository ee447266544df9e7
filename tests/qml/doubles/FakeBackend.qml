import QtQuick

// Test double of the Backend singleton. Enum values follow backend.h (Integrated = 0, Remote = 1; …).
QtObject {
    property int mode: 0
    property int state: 6 // Ready
    readonly property bool ready: state === 6
    property string statusText: "Creating the database…"
    property real progress: 0.4
    property int errorKind: 0
    property string errorTitle: ""
    property string errorMessage: ""
    property url serverUrl: "http://127.0.0.1:45123"
    property bool online: true
    property string generatorName: "Built-in generator (offline)"
    property string dataDirectory: "/home/ada/.local/share/parametric-icons"
    property var calls: []
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function retry() { record("retry", []) }
    function useRemoteServer(url) { record("useRemoteServer", [url]) }
    function useIntegrated() { record("useIntegrated", []) }
}
