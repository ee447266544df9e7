import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Templates as T
import ParametricIcons

// Modal dialog with the theme's surface, a title row and a dimmed scrim. Footer buttons are added by users.
Dialog {
    id: dialog

    modal: true
    focus: true
    anchors.centerIn: T.Overlay.overlay
    padding: Theme.spacingLarge
    topPadding: Theme.spacing
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    enter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.animation; easing.type: Easing.OutCubic } }
    exit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Theme.animationFast } }

    background: Rectangle {
        color: Theme.surfaceRaised
        radius: Theme.radiusLarge
        border.width: 1
        border.color: Theme.border
    }

    header: Item {
        implicitHeight: 52
        Label {
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacingLarge
            anchors.verticalCenter: parent.verticalCenter
            text: dialog.title
            color: Theme.text
            font.pixelSize: Theme.fontTitle - 2
            font.weight: Font.DemiBold
        }
        IconButton {
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacing
            anchors.verticalCenter: parent.verticalCenter
            iconName: "x"
            toolTipText: qsTr("Close")
            onClicked: dialog.reject()
        }
    }

    T.Overlay.modal: Rectangle { color: Theme.scrim }
}
