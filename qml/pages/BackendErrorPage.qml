import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The backend could not start. For missing PostgreSQL binaries it explains how to install them and
// offers connecting to a server instead; every case has Retry.
Rectangle {
    id: page

    property var backend: Backend
    readonly property bool postgresMissing: backend.errorKind === Backend.PostgresMissing
    signal openSettings()

    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: titleLabel.text

    Flickable {
        anchors.fill: parent
        contentHeight: Math.max(height, column.implicitHeight + 96)
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { }

        ColumnLayout {
            id: column
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(48, (parent.height - implicitHeight) / 2)
            width: Math.min(560, page.width - 64)
            spacing: Theme.spacing

            TintedIcon {
                Layout.alignment: Qt.AlignHCenter
                name: page.postgresMissing ? "database" : "alert"
                size: 40
                color: page.postgresMissing ? Theme.accent : Theme.danger
            }
            Label {
                id: titleLabel
                objectName: "errorTitle"
                Layout.alignment: Qt.AlignHCenter
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: page.backend.errorTitle.length ? page.backend.errorTitle
                    : (page.postgresMissing ? qsTr("PostgreSQL is not installed") : qsTr("The backend could not start"))
                color: Theme.text
                font.pixelSize: Theme.fontTitle + 2
                font.weight: Font.DemiBold
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                text: page.backend.errorMessage
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                visible: text.length > 0
            }

            // Installation help for the integrated mode's database.
            Rectangle {
                visible: page.postgresMissing
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingSmall
                implicitHeight: help.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                ColumnLayout {
                    id: help
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingSmall
                    SectionLabel { text: qsTr("Install PostgreSQL") }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Parametric Icons keeps your icons in a private PostgreSQL database. Install the server package, then press Retry:")
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                    Repeater {
                        model: [
                            { os: qsTr("Debian / Ubuntu"), cmd: "sudo apt install postgresql" },
                            { os: qsTr("Fedora"), cmd: "sudo dnf install postgresql-server" },
                            { os: qsTr("macOS"), cmd: "brew install postgresql@16" },
                            { os: qsTr("Windows"), cmd: "winget install PostgreSQL.PostgreSQL" }
                        ]
                        RowLayout {
                            id: installRow
                            required property var modelData
                            Layout.fillWidth: true
                            spacing: Theme.spacingSmall
                            Label {
                                Layout.preferredWidth: 120
                                text: installRow.modelData.os
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                            }
                            TextField {
                                Layout.fillWidth: true
                                readOnly: true
                                selectByMouse: true
                                text: installRow.modelData.cmd
                                color: Theme.text
                                font.family: Theme.monoFamily
                                font.pixelSize: Theme.fontSmall
                                Accessible.name: installRow.modelData.os + ": " + installRow.modelData.cmd
                                background: Rectangle { radius: 4; color: Theme.background }
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("If the binaries live elsewhere, set PG_BINDIR to their folder.")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
            }

            // Or use a server somebody else runs.
            Rectangle {
                visible: page.backend.mode === Backend.Integrated
                Layout.fillWidth: true
                implicitHeight: remote.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                ColumnLayout {
                    id: remote
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingSmall
                    SectionLabel { text: qsTr("Or connect to a server") }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingSmall
                        ThemedTextField {
                            id: urlField
                            objectName: "serverUrlField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("https://icons.example.com")
                            Accessible.name: qsTr("Server URL")
                            onAccepted: if (connectButton.enabled) connectButton.clicked()
                        }
                        ThemedButton {
                            id: connectButton
                            objectName: "connectServer"
                            text: probe.state === ServerProbe.Checking ? qsTr("Checking…") : qsTr("Connect")
                            enabled: probe.valid && probe.state !== ServerProbe.Checking
                            // Connects only to an address that answers as a ready Parametric server.
                            onClicked: probe.check()
                        }
                    }
                    ServerProbe {
                        id: probe
                        address: urlField.text
                        onStateChanged: if (state === ServerProbe.Ready) page.backend.useRemoteServer(String(url))
                    }
                    Label {
                        objectName: "connectMessage"
                        visible: text.length > 0
                        Layout.fillWidth: true
                        text: urlField.text.trim().length && !probe.valid ? probe.validationError : probe.message
                        color: probe.state === ServerProbe.Unreachable || probe.state === ServerProbe.NotReady
                               || (urlField.text.trim().length && !probe.valid) ? Theme.warning : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacingSmall
                spacing: Theme.spacingSmall
                ThemedButton {
                    objectName: "retryBackend"
                    tone: "primary"
                    text: qsTr("Retry")
                    iconName: "refresh"
                    onClicked: page.backend.retry()
                }
                ThemedButton {
                    visible: page.backend.mode === Backend.Remote
                    text: qsTr("Use integrated mode")
                    onClicked: page.backend.useIntegrated()
                }
                ThemedButton {
                    tone: "ghost"
                    text: qsTr("Settings")
                    iconName: "settings"
                    onClicked: page.openSettings()
                }
            }
        }
    }
}
