import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// "Deleted “…”  Undo" strip shown while a delete can still be taken back.
Rectangle {
    id: undoBar

    property string text
    property bool active: false
    signal undo()

    visible: opacity > 0
    opacity: active ? 1 : 0
    Behavior on opacity { NumberAnimation { duration: Theme.animation } }
    implicitHeight: 40
    radius: Theme.radius
    color: Theme.surfaceHigh
    border.width: 1
    border.color: Theme.borderStrong
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: 4
        spacing: Theme.spacingSmall
        TintedIcon { name: "trash"; size: 14; color: Theme.textSecondary }
        Label {
            Layout.fillWidth: true
            text: undoBar.text
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        ThemedButton {
            objectName: "undoButton"
            tone: "ghost"
            implicitHeight: 30
            iconName: "undo"
            text: qsTr("Undo")
            onClicked: undoBar.undo()
        }
    }
}
