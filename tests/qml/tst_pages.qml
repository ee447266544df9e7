import QtQuick
import QtTest
import ParametricIcons
import "doubles"

// Settings, Sign-in, Startup and the backend error screen, plus the Export and Upload dialogs.
Item {
    id: root
    width: 1100
    height: 800

    Component { id: settingsComponent; SettingsPage { anchors.fill: parent; settings: FakeAppSettings { } backend: FakeBackend { } } }
    Component { id: signedInSettingsComponent; SettingsPage { anchors.fill: parent; settings: FakeAppSettings { } backend: FakeBackend { } auth: FakeAuth { state: 5 } apiKeys: FakeApiKeys { } } }
    Component { id: confirmComponent; SettingsPage { anchors.fill: parent; settings: FakeAppSettings { } backend: FakeBackend { } probe: FakeServerProbe { address: pendingUrl } } }
    Component { id: signInComponent; SignInPage { anchors.fill: parent; auth: FakeAuth { } backend: FakeBackend { mode: 1 } } }
    Component { id: startupComponent; StartupPage { anchors.fill: parent; backend: FakeBackend { state: 1 } } }
    Component { id: errorComponent; BackendErrorPage { anchors.fill: parent; backend: FakeBackend { state: 7; errorKind: 1; errorMessage: "initdb was not found." } } }
    Component { id: exportComponent; ExportDialog { studio: FakeStudio { } exporter: FakeExporter { } } }
    Component { id: uploadComponent; UploadDialog { library: FakeHistoryModel { } } }

    TestCase {
        name: "Pages"
        when: windowShown

        function make(component) {
            const page = createTemporaryObject(component, root)
            verify(page)
            waitForRendering(root)
            return page
        }

        function test_settingsApplyAtOnce() {
            const page = make(settingsComponent)
            const theme = findChild(page, "themeControl")
            mouseClick(findChild(theme, "segment_light"))
            compare(page.settings.theme, "light")
            mouseClick(findChild(findChild(page, "defaultOutputControl"), "segment_batch"))
            compare(page.settings.defaultOutput, "batch")
            mouseClick(findChild(findChild(page, "defaultModeControl"), "segment_refine"))
            compare(page.settings.defaultMode, "refine")
            mouseClick(findChild(findChild(page, "defaultStyleControl"), "segment_light"))
            compare(page.settings.defaultStyle, "light")
        }

        function test_settingsAnthropicKey() {
            const page = make(settingsComponent)
            const field = findChild(page, "anthropicKeyField")
            const save = findChild(page, "saveAnthropicKey")
            verify(!save.enabled)
            field.forceActiveFocus()
            keyClick("s"); keyClick("k")
            verify(save.enabled)
            mouseClick(save)
            compare(page.settings.keyCalls, 1)
            verify(page.settings.anthropicKeySet)
            compare(field.text, "", "the key does not stay in the field")
        }

        // The address goes through the one C++ validator (real ServerProbe): plain http to another
        // machine is refused with the reason, and a check of a dead address says so; nothing switches.
        function test_settingsServerAddressChecked() {
            const page = make(settingsComponent)
            verify(!findChild(page, "serverUrlField").visible)
            mouseClick(findChild(findChild(page, "serverModeControl"), "segment_remote"))
            compare(page.settings.serverMode, "integrated", "not applied before Apply")
            const url = findChild(page, "serverUrlField")
            verify(url.visible)
            const apply = findChild(page, "applyServer")
            verify(!apply.enabled)
            url.forceActiveFocus()
            for (const ch of "http://h")
                keyClick(ch)
            verify(!apply.enabled)
            verify(findChild(page, "serverCheckMessage").text.indexOf("only allowed for this computer") >= 0)
            url.selectAll()
            for (const ch of "http://127.0.0.1:1")
                keyClick(ch)
            verify(apply.enabled)
            compare(apply.text, "Check")
            keyClick(Qt.Key_Return) // Enter checks; it never switches
            tryCompare(page.probe, "state", 4, 10000) // Unreachable
            verify(findChild(page, "serverCheckMessage").text.indexOf("cannot be reached") >= 0)
            compare(page.backend.calls.length, 0)
        }

        // A ready server still needs an explicit Switch; Cancel and Enter do not switch.
        function test_settingsServerSwitchNeedsConfirmation() {
            const page = createTemporaryObject(confirmComponent, root)
            waitForRendering(root)
            mouseClick(findChild(findChild(page, "serverModeControl"), "segment_remote"))
            const url = findChild(page, "serverUrlField")
            url.forceActiveFocus()
            for (const ch of "icons.example.com")
                keyClick(ch)
            const apply = findChild(page, "applyServer")
            mouseClick(apply)
            compare(page.probe.checks, 1)
            page.probe.message = "icons.example.com is a Parametric Icons server and ready."
            page.probe.state = 2
            compare(apply.text, "Switch")
            verify(findChild(page, "serverCheckMessage").text.indexOf("stops the built-in server") >= 0)
            url.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(page.backend.calls.length, 0, "Enter in the field does not switch")
            mouseClick(findChild(page, "revertServer")) // Cancel
            compare(page.probe.state, 0)
            compare(page.backend.calls.length, 0)
            mouseClick(apply)
            page.probe.state = 2
            mouseClick(apply)
            compare(page.backend.calls[0].name, "useRemoteServer")
            compare(page.backend.calls[0].args[0], "https://icons.example.com")
        }

        // "History kept offline" only means something for a remote server.
        function test_settingsOfflineHistoryOnlyRemote() {
            const page = make(settingsComponent)
            verify(!findChild(page, "historyCacheSize").visible)
            page.backend.mode = 1
            verify(findChild(page, "historyCacheSize").visible)
        }

        function test_settingsBack() {
            const page = make(settingsComponent)
            const spy = createTemporaryObject(spyComponent, root, { target: page, signalName: "closed" })
            mouseClick(findChild(page, "settingsBack"))
            compare(spy.count, 1)
        }

        // API keys belong to a signed-in user (a server account or integrated mode's local user).
        function test_settingsApiKeysWhenSignedIn() {
            const signedOut = make(settingsComponent)
            verify(!findChild(signedOut, "apiKeysSection").visible)
            const page = make(signedInSettingsComponent)
            const section = findChild(page, "apiKeysSection")
            verify(section.visible)
            compare(page.apiKeys.calls[0].name, "refresh", "the list loads when the section shows")
            verify(findChild(page, "apiKeysEmpty").visible)
            page.auth.state = 0
            verify(!section.visible)
        }

        function test_signInProviders() {
            const page = make(signInComponent)
            for (const p of ["github", "google", "microsoft"])
                verify(findChild(page, "provider_" + p), p)
            compare(findChild(page, "provider_google").text, "Continue with Google")
            mouseClick(findChild(page, "provider_microsoft"))
            compare(page.auth.calls[0].name, "signIn")
            compare(page.auth.calls[0].args[0], "microsoft")
            // Waiting for the browser: Copy link and Cancel, no provider buttons.
            waitForRendering(root)
            verify(!findChild(page, "provider_github"))
            mouseClick(findChild(page, "copyLinkButton"))
            compare(page.auth.calls[1].name, "copySignInLink")
            mouseClick(findChild(page, "cancelSignIn"))
            compare(page.auth.calls[2].name, "cancelSignIn")
        }

        // Enter activates the focused button, Escape cancels the sign-in in progress.
        function test_signInKeyboard() {
            const page = make(signInComponent)
            const github = findChild(page, "provider_github")
            github.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(page.auth.calls[0].name, "signIn")
            compare(page.auth.calls[0].args[0], "github")
            waitForRendering(root)
            const copy = findChild(page, "copyLinkButton")
            copy.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(page.auth.calls[1].name, "copySignInLink")
            keyClick(Qt.Key_Escape)
            compare(page.auth.calls[2].name, "cancelSignIn")
            compare(page.auth.state, 0)
        }

        function test_signInError() {
            const page = make(signInComponent)
            const error = findChild(page, "signInError")
            verify(!error.visible)
            page.auth.errorMessage = "Sign-in was cancelled at the provider."
            verify(error.visible)
            compare(error.Accessible.name, "Sign-in was cancelled at the provider.")
        }

        function test_startup() {
            const page = make(startupComponent)
            compare(findChild(page, "startupStatus").text, "Creating the database…")
        }

        function test_postgresMissing() {
            const page = make(errorComponent)
            verify(page.postgresMissing)
            compare(findChild(page, "errorTitle").text, "PostgreSQL is not installed")
            mouseClick(findChild(page, "retryBackend"))
            compare(page.backend.calls[0].name, "retry")
        }

        function test_exportDialog() {
            const dialog = createTemporaryObject(exportComponent, root)
            dialog.studio.populate()
            dialog.open()
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog.contentItem, "format_png"))
            compare(dialog.format, "png")
            verify(findChild(dialog.contentItem, "pngSize").visible)
            dialog.pngSize = 1024
            verify(dialog.exportTo("file:///tmp/x.png"))
            const png = dialog.exporter.called("savePng")[0]
            compare(png.args[1], 1024)
            mouseClick(findChild(dialog.contentItem, "format_ico"))
            dialog.exportTo("file:///tmp/x.ico")
            compare(dialog.exporter.called("saveIco").length, 1)
            mouseClick(findChild(dialog.contentItem, "format_zip"))
            dialog.exportTo("file:///tmp/x.zip")
            compare(dialog.exporter.called("saveZip")[0].args[0].length, 3)
            compare(dialog.suggestedFile().toString(), "file:///tmp/fillet_two_curves.zip")
            mouseClick(findChild(dialog.contentItem, "format_svg"))
            compare(dialog.suggestedFile().toString(), "file:///tmp/fillet_two_curves_variant_1.svg")
            mouseClick(findChild(dialog.contentItem, "copyPng"))
            compare(dialog.exporter.called("copyPng").length, 1)
            compare(findChild(dialog.contentItem, "exportMessage").text, "PNG copied to the clipboard")
        }

        // The save dialog: Save asks before replacing an existing file, and a typed absolute path wins
        // over the folder; the PNG size row is always laid out, so the Export dialog keeps its size.
        function test_saveDialogAsksBeforeReplacing() {
            const dialog = createTemporaryObject(exportComponent, root)
            dialog.studio.populate()
            dialog.open()
            tryVerify(() => dialog.opened)
            const height = dialog.height
            mouseClick(findChild(dialog.contentItem, "format_png"))
            compare(dialog.height, height, "no jump when PNG is chosen")
            dialog.exporter.existing = ["/tmp/fillet_two_curves_variant_1.png"]
            mouseClick(findChild(dialog.contentItem, "exportConfirm"))
            const save = dialog.saveDialog
            tryVerify(() => save.opened)
            compare(findChild(save.contentItem, "saveName").text, "fillet_two_curves_variant_1.png")
            compare(findChild(save.contentItem, "saveAccept").text, "Save")
            mouseClick(findChild(save.contentItem, "saveAccept"))
            verify(save.opened, "an existing file is not replaced without asking")
            compare(dialog.exporter.called("savePng").length, 0)
            verify(findChild(save.contentItem, "saveMessage").text.indexOf("already exists") >= 0)
            compare(findChild(save.contentItem, "saveAccept").text, "Replace")
            mouseClick(findChild(save.contentItem, "saveCancel")) // keep the old file
            compare(findChild(save.contentItem, "saveAccept").text, "Save")
            const name = findChild(save.contentItem, "saveName")
            name.forceActiveFocus()
            name.selectAll()
            for (const ch of "/elsewhere/new")
                keyClick(ch)
            mouseClick(findChild(save.contentItem, "saveAccept"))
            tryVerify(() => !save.visible)
            const png = dialog.exporter.called("savePng")[0]
            compare(png.args[2].toString(), "file:///elsewhere/new.png")
        }

        function test_uploadDialog() {
            const dialog = createTemporaryObject(uploadComponent, root)
            dialog.open()
            tryVerify(() => dialog.opened)
            const add = findChild(dialog.contentItem, "addToLibrary")
            verify(!add.enabled)
            dialog.load("file:///tmp/notes.txt")
            tryCompare(dialog, "state", "error")
            compare(findChild(dialog.contentItem, "uploadError").text, "Invalid SVG: not an SVG file")
            dialog.load("file:///tmp/gear%20wheel.svg")
            tryCompare(dialog, "state", "preview")
            compare(dialog.fileName, "gear wheel.svg")
            verify(add.enabled)
            mouseClick(add)
            const call = dialog.library.calls.filter((c) => c.name === "importSvg")[0]
            compare(call.args[0], "gear wheel")
            dialog.library.imported("new-id")
            tryVerify(() => !dialog.visible)
        }
    }

    Component { id: spyComponent; SignalSpy { } }
}
