import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// A row of mutually exclusive choices. `options` = [{ value, text, icon }].
Rectangle {
    id: control

    property var options: []
    property string value
    property string accessibleName
    signal activated(string value)

    implicitWidth: buttons.implicitWidth + 6
    implicitHeight: 32
    radius: Theme.radius
    color: Theme.background
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: accessibleName

    Row {
        id: buttons
        anchors.centerIn: parent
        spacing: 2
        Repeater {
            model: control.options
            AbstractButton {
                id: segment
                required property var modelData
                readonly property bool selected: modelData.value === control.value
                objectName: "segment_" + modelData.value
                width: Math.max(64, label.implicitWidth + (modelData.icon || modelData.paper !== undefined ? 42 : 24))
                height: 26
                focusPolicy: Qt.StrongFocus
                hoverEnabled: true
                checkable: true
                checked: selected
                Accessible.role: Accessible.RadioButton
                Accessible.name: modelData.text
                Accessible.checked: selected
                onClicked: control.activated(modelData.value) // qmllint disable unqualified
                background: Rectangle {
                    radius: Theme.radiusSmall
                    color: segment.selected ? Theme.surfaceHigh : (segment.hovered ? Theme.hover : "transparent")
                    border.width: segment.visualFocus ? 2 : 0
                    border.color: Theme.focus
                }
                contentItem: Item {
                    Row {
                        anchors.centerIn: parent
                        spacing: 6
                        InkSwatch {
                            visible: segment.modelData.paper !== undefined
                            anchors.verticalCenter: parent.verticalCenter
                            paper: segment.modelData.paper || "transparent"
                            ink: segment.modelData.ink || "transparent"
                        }
                        TintedIcon {
                            visible: !!segment.modelData.icon
                            anchors.verticalCenter: parent.verticalCenter
                            name: segment.modelData.icon || ""
                            size: 14
                            color: segment.selected ? Theme.toggled : Theme.textSecondary
                        }
                        Label {
                            id: label
                            anchors.verticalCenter: parent.verticalCenter
                            text: segment.modelData.text
                            color: segment.selected ? Theme.text : Theme.textSecondary
                            font.pixelSize: Theme.fontSmall + 1
                            font.weight: segment.selected ? Font.DemiBold : Font.Normal
                        }
                    }
                }
            }
        }
    }
}
