import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Settings → API keys: the signed-in user's keys for scripts, CI and CAD plugins. Lists them, creates
// one (shown once, with Copy and a warning) and revokes with a confirmation. State and requests live
// in the ApiKeys model; this file only presents them.
SettingsCard {
    id: section

    property var keys: ApiKeys
    property string serverUrl: ""
    property bool keyCopied: false

    objectName: "apiKeysSection"
    title: qsTr("API keys")

    function createKey() {
        if (nameField.text.trim().length > 0 && !keys.working)
            keys.createKey(nameField.text, parseInt(expiryControl.value))
    }

    onVisibleChanged: if (visible) keys.refresh()
    Component.onCompleted: if (visible) keys.refresh()

    Connections {
        target: section.keys
        function onCreated() { nameField.clear(); section.keyCopied = false }
    }

    Label {
        Layout.fillWidth: true
        text: section.serverUrl.length > 0
              ? qsTr("Scripts, CI jobs and CAD plugins generate icons as you by sending a key in the X-API-Key header to %1/api/icons. Keys work on the icon routes only; they cannot sign in or manage keys.").arg(section.serverUrl)
              : qsTr("Scripts, CI jobs and CAD plugins generate icons as you by sending a key in the X-API-Key header. Keys work on the icon routes only; they cannot sign in or manage keys.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }

    // --- New key --------------------------------------------------------------------------------------
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingSmall
        ThemedTextField {
            id: nameField
            objectName: "apiKeyName"
            Layout.fillWidth: true
            placeholderText: qsTr("Name, e.g. Rhino plugin CI")
            Accessible.name: qsTr("Name of the new API key")
            maximumLength: section.keys.maxNameLength
            onAccepted: section.createKey()
        }
        SegmentedControl {
            id: expiryControl
            objectName: "apiKeyExpiry"
            accessibleName: qsTr("Expires")
            options: section.keys.expiryOptions
            value: "0"
            onActivated: (v) => value = v
        }
        ThemedButton {
            objectName: "createApiKey"
            tone: "primary"
            iconName: "key"
            text: section.keys.working ? qsTr("Working…") : qsTr("Create key")
            enabled: nameField.text.trim().length > 0 && !section.keys.working
            onClicked: section.createKey()
        }
    }

    // --- The key just created: shown once --------------------------------------------------------------
    Rectangle {
        objectName: "newApiKeyPanel"
        visible: section.keys.newKey.length > 0
        Layout.fillWidth: true
        implicitHeight: newKeyColumn.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: Theme.warningSoft
        border.width: 1
        border.color: Theme.warning

        ColumnLayout {
            id: newKeyColumn
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacingSmall
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall
                TintedIcon { name: "alert"; size: 16; color: Theme.warning }
                Label {
                    objectName: "newApiKeyWarning"
                    Layout.fillWidth: true
                    text: qsTr("Copy the key “%1” now. It will not be shown again: the server keeps only a fingerprint of it.").arg(section.keys.newKeyName)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.Medium
                    wrapMode: Text.Wrap
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall
                ThemedTextField {
                    objectName: "newApiKeyField"
                    Layout.fillWidth: true
                    readOnly: true
                    text: section.keys.newKey
                    font.family: Theme.monoFamily
                    Accessible.name: qsTr("New API key")
                    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                }
                ThemedButton {
                    objectName: "copyApiKey"
                    tone: "primary"
                    iconName: section.keyCopied ? "check" : "copy"
                    text: section.keyCopied ? qsTr("Copied") : qsTr("Copy")
                    onClicked: { section.keys.copyNewKey(); section.keyCopied = true }
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Try it:")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall
                Label {
                    objectName: "apiKeyExample"
                    Layout.fillWidth: true
                    text: section.keys.usageExample
                    color: Theme.text
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WrapAnywhere
                }
                IconButton {
                    objectName: "copyApiKeyExample"
                    iconName: "terminal"
                    toolTipText: qsTr("Copy the command")
                    onClicked: section.keys.copyUsageExample()
                }
            }
            ThemedButton {
                objectName: "dismissApiKey"
                Layout.alignment: Qt.AlignRight
                text: qsTr("Done, I have stored it")
                // Reloaded, so a use made while the key was shown (trying the command) appears.
                onClicked: { section.keys.dismissNewKey(); section.keys.refresh() }
            }
        }
    }

    // --- Status -------------------------------------------------------------------------------------
    RowLayout {
        visible: section.keys.error.length > 0
        Layout.fillWidth: true
        spacing: Theme.spacingSmall
        TintedIcon { name: "alert"; size: 16; color: Theme.danger }
        Label {
            objectName: "apiKeysError"
            Layout.fillWidth: true
            text: section.keys.error
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        ThemedButton {
            visible: !section.keys.loaded
            tone: "ghost"
            text: qsTr("Retry")
            onClicked: section.keys.refresh()
        }
    }
    Spinner {
        visible: section.keys.loading && !section.keys.loaded
        Layout.alignment: Qt.AlignHCenter
        size: 24
    }
    Label {
        objectName: "apiKeysEmpty"
        visible: section.keys.loaded && section.keys.count === 0
        text: qsTr("No API keys yet.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }

    // --- The keys ------------------------------------------------------------------------------------
    Repeater {
        model: section.keys
        delegate: RowLayout {
            id: keyRow
            required property int index
            required property string keyId
            required property string name
            required property string prefix
            required property string status
            required property bool expired
            required property bool revoking

            objectName: "apiKeyRow_" + index
            Layout.fillWidth: true
            spacing: Theme.spacing
            TintedIcon { name: "key"; size: 16; color: keyRow.expired ? Theme.textMuted : Theme.textSecondary }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                RowLayout {
                    spacing: Theme.spacingSmall
                    Label {
                        text: keyRow.name
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.Medium
                        elide: Text.ElideRight
                        Layout.maximumWidth: 300
                    }
                    Label {
                        text: keyRow.prefix.length > 0 ? keyRow.prefix + "…" : ""
                        color: Theme.textSecondary
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.fontSmall
                    }
                    Badge { visible: keyRow.expired; text: qsTr("expired"); tint: Theme.warning }
                }
                Label {
                    objectName: "apiKeyStatus_" + keyRow.index
                    Layout.fillWidth: true
                    text: keyRow.status
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }
            }
            ThemedButton {
                objectName: "revokeApiKey_" + keyRow.index
                tone: "danger"
                text: keyRow.revoking ? qsTr("Revoking…") : qsTr("Revoke")
                enabled: !keyRow.revoking
                Accessible.name: qsTr("Revoke %1").arg(keyRow.name)
                onClicked: confirmRevoke.ask(keyRow.keyId, keyRow.name) // qmllint disable unqualified
            }
        }
    }

    ThemedDialog {
        id: confirmRevoke
        objectName: "confirmRevokeDialog"
        property string keyId
        property string keyName

        function ask(id, name) { keyId = id; keyName = name; open() }

        title: qsTr("Revoke API key?")
        width: 420
        contentItem: ColumnLayout {
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("“%1” stops working at once for every script and server that uses it. This cannot be undone.").arg(confirmRevoke.keyName)
                color: Theme.text
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall
                Item { Layout.fillWidth: true }
                ThemedButton {
                    objectName: "cancelRevokeApiKey"
                    tone: "ghost"
                    text: qsTr("Cancel")
                    onClicked: confirmRevoke.reject()
                }
                ThemedButton {
                    objectName: "confirmRevokeApiKey"
                    tone: "danger"
                    text: qsTr("Revoke")
                    onClicked: { section.keys.revoke(confirmRevoke.keyId); confirmRevoke.close() }
                }
            }
        }
    }
}
