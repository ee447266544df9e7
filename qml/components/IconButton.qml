import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Square icon-only button: tinted line icon, tooltip and accessible name from `toolTipText`,
// cyan when checked (the original's toggled colour), a visible focus ring for keyboard users.
ToolButton {
    id: control

    property string iconName
    property string toolTipText
    property color iconColor: checked ? Theme.toggled : (hovered || visualFocus ? Theme.text : Theme.textSecondary)
    property color hoverColor: Theme.hover
    property int size: Theme.iconButtonSize
    property int iconSize: Theme.iconSize

    implicitWidth: size
    implicitHeight: size
    padding: 0
    focusPolicy: Qt.StrongFocus
    display: AbstractButton.IconOnly
    text: toolTipText
    icon.source: iconName.length ? Theme.icon(iconName) : ""
    icon.width: iconSize
    icon.height: iconSize
    icon.color: enabled ? iconColor : Theme.textDisabled

    Accessible.name: toolTipText
    Accessible.role: Accessible.Button
    Accessible.checkable: checkable
    Accessible.checked: checked

    ToolTip.visible: hovered && toolTipText.length > 0
    ToolTip.delay: 500
    ToolTip.text: toolTipText

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Theme.pressed : (control.checked ? Theme.toggledSoft : (control.hovered ? control.hoverColor : "transparent"))
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.focus
        Behavior on color { ColorAnimation { duration: Theme.animationFast } }
    }
}
