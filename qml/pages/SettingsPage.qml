import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Preferences. Everything but the server choice applies at once (QSettings); the Anthropic key goes
// to the keychain and never comes back to the UI.
Rectangle {
    id: page

    property var settings: AppSettings
    property var backend: Backend
    property var auth: Auth
    property var apiKeys: ApiKeys
    signal closed()

    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Settings")
    focus: true
    Keys.onEscapePressed: page.closed()

    readonly property var modeOptions: [{ value: "create", text: qsTr("Create"), icon: "sparkles" },
                                        { value: "refine", text: qsTr("Refine"), icon: "pencil" }]
    readonly property var outputOptions: [{ value: "single", text: qsTr("Single"), icon: "box" },
                                          { value: "batch", text: qsTr("Batch"), icon: "layers" }]
    readonly property var styleOptions: [{ value: "dark", text: qsTr("Dark"), icon: "moon" },
                                         { value: "light", text: qsTr("Light"), icon: "sun" }]

    // Server selection is staged and applied with a button: switching restarts the backend.
    property string pendingMode: settings.serverMode
    property string pendingUrl: settings.serverUrl
    // Checks the typed address (https by default, http only to this computer) and asks the server
    // before anything is switched; the switch itself needs a second, explicit confirmation.
    property var probe: ServerProbe { address: page.pendingUrl }
    readonly property bool urlValid: probe.valid
    readonly property bool serverDirty: pendingMode !== settings.serverMode
                                        || (pendingMode === "remote" && probe.url.toString() !== settings.serverUrl)
    readonly property bool confirmingSwitch: pendingMode === "remote" && probe.state === ServerProbe.Ready

    function applyServerChoice() {
        if (page.pendingMode === "integrated")
            page.backend.useIntegrated()
        else if (page.probe.state === ServerProbe.Ready)
            page.backend.useRemoteServer(page.probe.url.toString())
        else
            page.probe.check()
    }

    Rectangle {
        id: header
        width: parent.width
        height: 56
        color: Theme.background
        z: 1
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacingLarge
            spacing: Theme.spacingSmall
            IconButton {
                objectName: "settingsBack"
                iconName: "chevron-left"
                toolTipText: qsTr("Back")
                onClicked: page.closed()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Settings")
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
            }
        }
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
    }

    Flickable {
        id: flick
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        width: parent.width
        contentHeight: column.implicitHeight + 2 * Theme.spacingLarge
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.vertical: ScrollBar { }

        ColumnLayout {
            id: column
            x: Math.max(Theme.spacingLarge, (flick.width - width) / 2)
            y: Theme.spacingLarge
            width: Math.min(680, flick.width - 2 * Theme.spacingLarge)
            spacing: Theme.spacingLarge

            // --- Server ---------------------------------------------------------------------------------
            SettingsCard {
                title: qsTr("Server")
                SettingRow {
                    title: qsTr("Where your icons live")
                    help: page.settings.serverOverridden
                          ? qsTr("Set on the command line or by PARAMETRIC_SERVER_URL: %1").arg(page.settings.overrideUrl)
                          : (page.pendingMode === "integrated"
                             ? qsTr("Integrated: a private database and server on this computer. Works offline.")
                             : qsTr("Remote: a Parametric Icons server; you sign in with GitHub, Google or Microsoft."))
                    SegmentedControl {
                        objectName: "serverModeControl"
                        enabled: !page.settings.serverOverridden
                        accessibleName: qsTr("Server mode")
                        options: [{ value: "integrated", text: qsTr("Integrated"), icon: "database" },
                                  { value: "remote", text: qsTr("Server URL"), icon: "server" }]
                        value: page.pendingMode
                        onActivated: (v) => page.pendingMode = v
                    }
                }
                ThemedTextField {
                    objectName: "serverUrlField"
                    visible: page.pendingMode === "remote" && !page.settings.serverOverridden
                    Layout.fillWidth: true
                    placeholderText: qsTr("https://icons.example.com")
                    Accessible.name: qsTr("Server URL")
                    text: page.pendingUrl
                    onTextEdited: page.pendingUrl = text
                    // Enter checks the server; it never switches on its own.
                    onAccepted: if (page.urlValid && !page.confirmingSwitch) page.probe.check()
                }
                RowLayout {
                    visible: page.serverDirty
                    Layout.fillWidth: true
                    spacing: Theme.spacingSmall
                    Label {
                        objectName: "serverCheckMessage"
                        Layout.fillWidth: true
                        text: {
                            if (page.pendingMode !== "remote")
                                return qsTr("Applying restarts the connection.")
                            if (!page.urlValid)
                                return page.pendingUrl.trim().length ? page.probe.validationError : qsTr("Enter the server's address.")
                            if (page.probe.state === ServerProbe.Idle)
                                return qsTr("Check asks %1 before anything changes.").arg(page.probe.url.toString())
                            if (page.probe.state === ServerProbe.Ready)
                                return page.probe.message + " " + (page.backend.mode === Backend.Integrated
                                    ? qsTr("Switching stops the built-in server; your local icons stay on this computer.")
                                    : qsTr("Switching signs you out of the current server."))
                            return page.probe.message
                        }
                        color: page.pendingMode === "remote" && (!page.urlValid || page.probe.state === ServerProbe.Unreachable
                                                                 || page.probe.state === ServerProbe.NotReady)
                               ? Theme.warning : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                    ThemedButton {
                        objectName: "revertServer"
                        tone: "ghost"
                        text: page.confirmingSwitch ? qsTr("Cancel") : qsTr("Revert")
                        onClicked: {
                            if (page.confirmingSwitch) {
                                page.probe.reset()
                                return
                            }
                            page.pendingMode = page.settings.serverMode
                            page.pendingUrl = page.settings.serverUrl
                        }
                    }
                    ThemedButton {
                        id: applyServer
                        objectName: "applyServer"
                        tone: "primary"
                        text: page.pendingMode === "integrated" ? qsTr("Apply")
                              : page.confirmingSwitch ? qsTr("Switch")
                              : page.probe.state === ServerProbe.Checking ? qsTr("Checking…") : qsTr("Check")
                        enabled: page.pendingMode === "integrated"
                                 || (page.urlValid && page.probe.state !== ServerProbe.Checking)
                        onClicked: page.applyServerChoice()
                    }
                }
                Label {
                    visible: page.backend.mode === Backend.Integrated && page.backend.dataDirectory.length > 0
                    Layout.fillWidth: true
                    text: qsTr("Data folder: %1").arg(page.backend.dataDirectory)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideMiddle
                }
            }

            // --- Generator (integrated) ---------------------------------------------------------------
            SettingsCard {
                visible: page.backend.mode === Backend.Integrated
                title: qsTr("Generator")
                SettingRow {
                    title: qsTr("Anthropic API key")
                    help: page.settings.anthropicKeySet
                          ? qsTr("A key is stored in the system keychain. Icons are generated with Claude.")
                          : qsTr("Without a key the built-in generator works offline. The key is stored in the system keychain and only handed to the local server.")
                    RowLayout {
                        spacing: Theme.spacingSmall
                        Badge {
                            text: page.settings.anthropicKeySet ? qsTr("stored") : qsTr("built-in")
                            tint: page.settings.anthropicKeySet ? Theme.success : Theme.textSecondary
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingSmall
                    ThemedTextField {
                        id: keyField
                        objectName: "anthropicKeyField"
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: page.settings.anthropicKeySet ? qsTr("Replace the key (sk-ant-…)") : qsTr("API key (sk-ant-…)")
                        Accessible.name: qsTr("Anthropic API key")
                        inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                        onAccepted: if (saveKey.enabled) saveKey.clicked()
                    }
                    ThemedButton {
                        id: saveKey
                        objectName: "saveAnthropicKey"
                        tone: "primary"
                        iconName: "key"
                        text: qsTr("Save key")
                        enabled: keyField.text.trim().length > 0
                        onClicked: { page.settings.setAnthropicKey(keyField.text.trim()); keyField.clear() }
                    }
                    ThemedButton {
                        visible: page.settings.anthropicKeySet
                        tone: "danger"
                        text: qsTr("Remove")
                        onClicked: page.settings.clearAnthropicKey()
                    }
                }
                Label {
                    visible: page.backend.generatorName.length > 0
                    text: qsTr("In use: %1").arg(page.backend.generatorName)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }

            // --- API keys: any signed-in user, including integrated mode's local user ----------------------
            ApiKeysSection {
                visible: page.auth.signedIn
                keys: page.apiKeys
                serverUrl: page.backend.serverUrl.toString()
            }

            // --- Defaults -------------------------------------------------------------------------------
            SettingsCard {
                title: qsTr("New requests")
                SettingRow {
                    title: qsTr("Default mode")
                    SegmentedControl {
                        objectName: "defaultModeControl"
                        accessibleName: qsTr("Default mode")
                        options: page.modeOptions
                        value: page.settings.defaultMode
                        onActivated: (v) => page.settings.defaultMode = v
                    }
                }
                SettingRow {
                    title: qsTr("Default output")
                    help: qsTr("Batch asks for 3 variants.")
                    SegmentedControl {
                        objectName: "defaultOutputControl"
                        accessibleName: qsTr("Default output")
                        options: page.outputOptions
                        value: page.settings.defaultOutput
                        onActivated: (v) => page.settings.defaultOutput = v
                    }
                }
                SettingRow {
                    title: qsTr("Ink for")
                    help: qsTr("The toolbar your icons will sit on: dark ink for a light toolbar, light ink for a dark one.")
                    SegmentedControl {
                        objectName: "defaultStyleControl"
                        accessibleName: qsTr("Default ink for")
                        options: Theme.inkOptions
                        value: page.settings.defaultStyle
                        onActivated: (v) => page.settings.defaultStyle = v
                    }
                }
            }

            // --- Appearance and storage ----------------------------------------------------------------------
            SettingsCard {
                title: qsTr("Appearance and storage")
                SettingRow {
                    title: qsTr("Theme")
                    SegmentedControl {
                        objectName: "themeControl"
                        accessibleName: qsTr("Theme")
                        options: page.styleOptions
                        value: page.settings.theme
                        onActivated: (v) => page.settings.theme = v
                    }
                }
                SettingRow {
                    // Integrated mode keeps everything on this computer anyway: nothing to choose.
                    visible: page.backend.mode === Backend.Remote
                    title: qsTr("History kept offline")
                    help: qsTr("The most recent icons are cached on disk so history opens instantly and offline.")
                    SpinBox {
                        id: cacheSpin
                        objectName: "historyCacheSize"
                        from: 10
                        to: 1000
                        stepSize: 10
                        editable: true
                        value: page.settings.historyCacheSize
                        onValueModified: page.settings.historyCacheSize = value
                        Accessible.name: qsTr("History kept offline, icons")
                        font.pixelSize: Theme.fontBody
                        implicitHeight: Theme.controlHeight
                        palette.text: Theme.text
                        palette.base: Theme.surface
                        palette.button: Theme.surfaceHigh
                        palette.buttonText: Theme.text
                        palette.mid: Theme.border
                        palette.dark: Theme.textSecondary
                        palette.highlight: Theme.accent
                        palette.highlightedText: Theme.textOnAccent
                    }
                }
            }

            Label {
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Parametric Icons %1").arg(Qt.application.version)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
    }

    Connections {
        target: page.settings
        function onServerModeChanged() { page.pendingMode = page.settings.serverMode }
        function onServerUrlChanged() { page.pendingUrl = page.settings.serverUrl }
    }
}
