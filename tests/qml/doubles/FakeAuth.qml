import QtQuick

// Test double of the Auth singleton. States use the real enum values (Auth.SignedOut = 0 …).
QtObject {
    property int state: 0
    readonly property bool signedIn: state === 5
    readonly property bool busy: state > 0 && state < 5
    property string email: "ada.lovelace@example.com"
    property string initials: "AL"
    property string provider: ""
    property url signInUrl: ""
    property bool browserOpened: true
    property string errorMessage: ""
    property string keychainNotice: ""
    property var providers: ["github", "google", "microsoft"]
    property var calls: []
    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function signIn(p) { record("signIn", [p]); provider = p; state = 2; signInUrl = "http://127.0.0.1:4000/api/auth/oauth/" + p }
    function cancelSignIn() { record("cancelSignIn", []); state = 0 }
    function copySignInLink() { record("copySignInLink", []) }
    function openSignInLinkAgain() { record("openSignInLinkAgain", []) }
    function signOut() { record("signOut", []); state = 0 }
    function clearError() { errorMessage = "" }
}
