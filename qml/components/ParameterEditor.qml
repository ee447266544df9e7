import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The current icon's parameters, one control per row of `editor.parameters` (built from the scene's
// parameter schema): whole numbers get a spin box and a slider, numbers a slider, yes/no a switch,
// choices a selector. Every change is drawn at once by the editor (locally, no round trip); a slider
// drag is one undo step. Undo, Redo, Reset and Save below; what is not saved is said under them.
ColumnLayout {
    id: root

    // Studio.editor (the Inspector passes it; tests give theirs)
    property var editor

    spacing: Theme.spacingSmall

    Label {
        objectName: "parametersStatus"
        Layout.fillWidth: true
        visible: !root.editor.available && text.length > 0
        text: root.editor.status
        color: Theme.textSecondary
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }

    Repeater {
        id: rows
        objectName: "parameterRows"
        model: root.editor.parameters

        delegate: ColumnLayout {
            id: row
            required property int index
            required property string name
            required property string label
            required property string type
            required property double minimum
            required property double maximum
            required property double step
            required property int decimals
            required property var value
            required property bool edited
            required property var choices
            required property string valueText

            objectName: "parameter_" + name
            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: row.label + (row.edited ? " •" : "")
                    color: row.edited ? Theme.text : Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
                SpinBox {
                    objectName: "spin_" + row.name
                    visible: row.type === "int"
                    from: row.minimum
                    to: row.maximum
                    stepSize: Math.max(1, Math.round(row.step))
                    value: row.type === "int" ? row.value : 0
                    editable: true
                    implicitWidth: 96
                    font.pixelSize: Theme.fontSmall
                    Accessible.name: row.label
                    onValueModified: root.editor.setValue(row.name, value) // qmllint disable unqualified
                }
                Label {
                    visible: row.type === "number"
                    text: row.valueText
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }
                Switch {
                    objectName: "switch_" + row.name
                    visible: row.type === "bool"
                    checked: row.type === "bool" && row.value === true
                    Accessible.name: row.label
                    onToggled: root.editor.setValue(row.name, checked) // qmllint disable unqualified
                }
                ComboBox {
                    objectName: "choice_" + row.name
                    visible: row.type === "choice"
                    model: row.type === "choice" ? row.choices : []
                    currentIndex: row.type === "choice" ? row.choices.indexOf(row.value) : -1
                    implicitWidth: 120
                    font.pixelSize: Theme.fontSmall
                    Accessible.name: row.label
                    onActivated: (i) => root.editor.setValue(row.name, row.choices[i])
                }
            }
            Slider {
                objectName: "slider_" + row.name
                Layout.fillWidth: true
                visible: row.type === "int" || row.type === "number"
                from: row.minimum
                to: row.maximum
                stepSize: row.step
                snapMode: Slider.SnapAlways
                value: row.type === "int" || row.type === "number" ? row.value : 0
                Accessible.name: row.label
                // One undo step per drag.
                onPressedChanged: pressed ? root.editor.beginGesture() : root.editor.endGesture() // qmllint disable unqualified
                onMoved: root.editor.setValue(row.name, row.type === "int" ? Math.round(value) : value) // qmllint disable unqualified
            }
        }
    }

    RowLayout {
        Layout.fillWidth: true
        visible: root.editor.available || root.editor.dirty
        spacing: 4
        IconButton {
            objectName: "undoEdit"
            size: 28
            iconSize: 14
            iconName: "undo"
            enabled: root.editor.canUndo
            toolTipText: qsTr("Undo")
            onClicked: root.editor.undo()
        }
        IconButton {
            objectName: "redoEdit"
            size: 28
            iconSize: 14
            iconName: "refresh"
            enabled: root.editor.canRedo
            toolTipText: qsTr("Redo")
            onClicked: root.editor.redo()
        }
        Item { Layout.fillWidth: true }
        ThemedButton {
            objectName: "resetEdit"
            tone: "ghost"
            text: qsTr("Reset")
            enabled: root.editor.dirty && !root.editor.saving
            onClicked: root.editor.reset()
        }
        ThemedButton {
            objectName: "saveEdit"
            tone: "primary"
            text: qsTr("Save")
            enabled: root.editor.canSave
            onClicked: root.editor.save()
        }
    }
    Label {
        objectName: "editState"
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.editor.error.length ? root.editor.error : root.editor.saveState
        color: root.editor.error.length ? Theme.danger : Theme.textSecondary
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
}
