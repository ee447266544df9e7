import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Covers the viewport while a generation runs ("Generating…" and Cancel) and takes its clicks.
Rectangle {
    id: overlay

    property var studio: Studio

    objectName: "busyOverlay"
    visible: opacity > 0
    opacity: overlay.studio.busy ? 1 : 0
    Behavior on opacity { NumberAnimation { duration: Theme.animation } }
    color: Theme.overlay

    MouseArea { anchors.fill: parent; hoverEnabled: true }
    Column {
        anchors.centerIn: parent
        spacing: Theme.spacing
        Spinner {
            anchors.horizontalCenter: parent.horizontalCenter
            size: 48
            running: overlay.studio.busy
        }
        Label {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Generating…")
            color: Theme.text
            font.pixelSize: Theme.fontBody
        }
        ThemedButton {
            objectName: "cancelGeneration"
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Cancel")
            iconName: "x"
            onClicked: overlay.studio.cancel()
        }
    }
}
