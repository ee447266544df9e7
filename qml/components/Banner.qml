import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// A full-width notice strip (offline, keychain unavailable, errors) with an optional action.
Rectangle {
    id: banner

    property string iconName: "alert"
    property string text
    property string actionText
    property color tint: Theme.warning
    signal action()

    implicitHeight: visible ? row.implicitHeight + 14 : 0
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.12)
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Qt.rgba(banner.tint.r, banner.tint.g, banner.tint.b, 0.35)
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacingSmall
        spacing: Theme.spacingSmall
        TintedIcon {
            name: banner.iconName
            size: 16
            color: banner.tint
        }
        Label {
            Layout.fillWidth: true
            text: banner.text
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        ThemedButton {
            visible: banner.actionText.length > 0
            tone: "ghost"
            implicitHeight: 26
            text: banner.actionText
            onClicked: banner.action()
        }
    }
}
