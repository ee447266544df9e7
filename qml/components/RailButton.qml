import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// A rail tab: 44 px icon button with the active indicator bar on the left edge.
IconButton {
    id: tab

    property bool active: false

    size: 44
    iconSize: 20
    checkable: false
    iconColor: active ? Theme.toggled : (hovered || visualFocus ? Theme.text : Theme.textSecondary)
    Accessible.role: Accessible.PageTab
    Accessible.checkable: true
    Accessible.checked: active
    ToolTip.delay: 300

    background: Rectangle {
        radius: Theme.radius
        color: tab.active ? Theme.toggledSoft : (tab.down ? Theme.pressed : (tab.hovered ? Theme.hover : "transparent"))
        border.width: tab.visualFocus ? 2 : 0
        border.color: Theme.focus
        Rectangle {
            visible: tab.active
            x: -((Theme.railWidth - tab.width) / 2)
            anchors.verticalCenter: parent.verticalCenter
            width: 3
            height: 20
            radius: 1.5
            color: Theme.toggled
        }
    }
}
