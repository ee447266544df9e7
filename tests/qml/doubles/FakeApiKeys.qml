import QtQuick

// Test double of the ApiKeys singleton (ApiKeyModel): a list model with its properties and calls
// recorded. The real model against a real server is tested in tests/qml/apikeys.
ListModel {
    property bool loading: false
    property bool loaded: true
    property bool working: false
    property string error: ""
    property string newKey: ""
    property string newKeyName: ""
    property string usageExample: ""
    property int maxNameLength: 100
    property var expiryOptions: [{ value: "0", text: "Never" }, { value: "30", text: "30 days" }]
    property var calls: []
    signal created(string name)
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function refresh() { record("refresh", []) }
    function createKey(name, days) { record("createKey", [name, days]) }
    function revoke(id) { record("revoke", [id]) }
    function copyNewKey() { record("copyNewKey", []) }
    function copyUsageExample() { record("copyUsageExample", []) }
    function dismissNewKey() { record("dismissNewKey", []) }
    function clearError() { error = "" }
}
