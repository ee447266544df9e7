import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The account popup from the avatar: email, where the data lives, Settings and Sign out.
Popup {
    id: menu

    property var auth: Auth
    property var backend: Backend
    signal openSettings()

    padding: Theme.spacing
    width: 280
    modal: false
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    background: Rectangle {
        color: Theme.surfaceRaised
        radius: Theme.radiusLarge
        border.width: 1
        border.color: Theme.borderStrong
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingSmall
        RowLayout {
            spacing: 10
            Avatar { initials: menu.auth.initials; size: 36 }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 1
                Label {
                    objectName: "accountEmail"
                    Layout.fillWidth: true
                    text: menu.auth.email.length ? menu.auth.email : (menu.auth.signedIn ? qsTr("Local user on this computer") : qsTr("Not signed in"))
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.Medium
                    elide: Text.ElideMiddle
                }
                Label {
                    Layout.fillWidth: true
                    text: menu.backend.mode === Backend.Integrated ? qsTr("Integrated — stored on this computer")
                                                                   : menu.backend.serverUrl.toString()
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideMiddle
                }
            }
        }
        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.border; Layout.topMargin: 4; Layout.bottomMargin: 4 }
        ThemedButton {
            objectName: "accountSettings"
            Layout.fillWidth: true
            tone: "ghost"
            iconName: "settings"
            text: qsTr("Settings")
            onClicked: { menu.close(); menu.openSettings() }
        }
        ThemedButton {
            objectName: "signOutButton"
            visible: menu.backend.mode === Backend.Remote && menu.auth.signedIn
            Layout.fillWidth: true
            tone: "ghost"
            iconName: "log-out"
            text: qsTr("Sign out")
            onClicked: { menu.close(); menu.auth.signOut() }
        }
    }
}
