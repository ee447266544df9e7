import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Single-line text field in the theme's surface colours.
TextField {
    id: field

    implicitHeight: Theme.controlHeight
    leftPadding: 10
    rightPadding: 10
    font.pixelSize: Theme.fontBody
    color: Theme.text
    placeholderTextColor: Theme.placeholder
    selectionColor: Theme.accent
    selectedTextColor: Theme.textOnAccent
    selectByMouse: true
    Accessible.name: placeholderText

    background: Rectangle {
        radius: Theme.radius
        color: field.enabled ? Theme.surface : Theme.background
        border.width: field.activeFocus ? 2 : 1
        border.color: field.activeFocus ? Theme.accent : Theme.border
    }
}
