import QtQuick

// Test double of ServerProbe for the paths that need a live server (state Ready = 2). Validation is
// the real one's job (tested in C++ and through the real type in tst_pages).
QtObject {
    property string address: ""
    readonly property bool valid: address.trim().length > 0
    readonly property string validationError: valid ? "" : "Enter the server's address."
    readonly property url url: valid ? "https://" + address.trim() : ""
    property int state: 0
    property string message: ""
    property int checks: 0
    function check() { checks++; state = 1 }
    function reset() { state = 0 }
}
