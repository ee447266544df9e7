import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// "Label: value" trigger with the current option's icon; opens a menu of options.
// `options` = [{ value, text, icon }].
AbstractButton {
    id: selector

    property string label
    property var options: []
    property string value
    readonly property var current: {
        for (let i = 0; i < options.length; ++i)
            if (options[i].value === value)
                return options[i]
        return options.length ? options[0] : ({ value: "", text: "", icon: "" })
    }
    signal activated(string value)

    implicitHeight: 30
    implicitWidth: row.implicitWidth + 16
    focusPolicy: Qt.StrongFocus
    hoverEnabled: true
    Accessible.role: Accessible.ButtonMenu
    Accessible.name: label + ": " + current.text

    onClicked: menu.open()
    Keys.onDownPressed: menu.open()

    background: Rectangle {
        radius: Theme.radius
        color: selector.down || menu.visible ? Theme.pressed : (selector.hovered ? Theme.hover : "transparent")
        border.width: selector.visualFocus ? 2 : 0
        border.color: Theme.focus
    }

    contentItem: RowLayout {
        id: row
        spacing: 6
        TintedIcon {
            visible: !!selector.current.icon
            name: selector.current.icon || ""
            size: 15
            color: Theme.textSecondary
        }
        Label {
            text: selector.label
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
        }
        InkSwatch {
            objectName: "selectorSwatch"
            visible: selector.current.paper !== undefined
            paper: selector.current.paper || "transparent"
            ink: selector.current.ink || "transparent"
        }
        Label {
            text: selector.current.text
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.weight: Font.Medium
        }
        TintedIcon {
            name: "chevron-down"
            size: 12
            color: Theme.textMuted
        }
    }

    ThemedMenu {
        id: menu
        y: selector.height + 4
        Repeater {
            model: selector.options
            ThemedMenuItem {
                required property var modelData
                text: modelData.text
                iconName: modelData.icon || ""
                checkable: true
                checked: modelData.value === selector.value
                onTriggered: selector.activated(modelData.value) // qmllint disable unqualified
            }
        }
    }
}
