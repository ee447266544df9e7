import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Small uppercase pill, coloured by intent ("create", "refine", "upload") or an explicit colour.
Rectangle {
    id: badge

    property string text
    property color tint: text === "refine" ? Theme.intentRefine : text === "upload" ? Theme.intentUpload : Theme.intentCreate

    implicitWidth: label.implicitWidth + 12
    implicitHeight: 18
    radius: 4
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.14)
    border.width: 1
    border.color: Qt.rgba(tint.r, tint.g, tint.b, 0.45)
    Accessible.role: Accessible.StaticText
    Accessible.name: text

    Label {
        id: label
        anchors.centerIn: parent
        text: badge.text.toUpperCase()
        color: badge.tint
        font.pixelSize: Theme.fontTiny
        font.weight: Font.DemiBold
        font.letterSpacing: 0.8
    }
}
