import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Toolbar sets: named groups of icons (a plugin's toolbar) with one style each. A new set, the current
// icon added to a set, the set's ink (every icon with a scene is drawn again in it), and Export: the
// whole set in one ZIP (SVG, PNG 16–64, ICO, ICNS, manifest) through the save dialog.
Item {
    id: panel

    property var studio: Studio
    property var exporter: Exporter
    property var model: studio.sets
    property string exportingSet
    signal message(string text, bool isError)

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Toolbar sets")

    Connections {
        target: panel.model
        function onExportFinished(ok, text, file) {
            if (ok)
                panel.exporter.rememberFolder(file)
            panel.message(text, !ok)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        RowLayout {
            Layout.fillWidth: true
            ThemedTextField {
                id: newName
                objectName: "newSetName"
                Layout.fillWidth: true
                placeholderText: qsTr("New set, e.g. Mesh tools")
                onAccepted: createButton.clicked()
            }
            ThemedButton {
                id: createButton
                objectName: "createSet"
                text: qsTr("Create")
                enabled: newName.text.trim().length > 0
                onClicked: {
                    panel.model.create(newName.text, panel.studio.composer.colorMode,
                                       panel.studio.current.valid ? [panel.studio.current.id] : [])
                    newName.text = ""
                }
            }
        }
        Label {
            objectName: "setsError"
            Layout.fillWidth: true
            visible: text.length > 0
            text: panel.model.error
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        ListView {
            id: list
            objectName: "setsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: panel.model
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { }

            delegate: Rectangle {
                id: row
                required property int index
                required property string setId
                required property string name
                required property string colorMode
                required property int iconCount
                required property var iconIds
                readonly property bool holdsCurrent: iconIds.indexOf(panel.studio.current.id) >= 0 // qmllint disable unqualified

                objectName: "setRow_" + index
                width: list.width // qmllint disable unqualified
                implicitHeight: content.implicitHeight + 16
                radius: Theme.radius
                color: Theme.surface
                border.width: 1
                border.color: Theme.border

                ColumnLayout {
                    id: content
                    anchors.fill: parent
                    anchors.margins: 8
                    spacing: 4
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: row.name
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.Medium
                            elide: Text.ElideRight
                        }
                        Label {
                            text: row.iconCount === 1 ? qsTr("1 icon") : qsTr("%1 icons").arg(row.iconCount)
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    Selector {
                        objectName: "setInk_" + row.index
                        label: qsTr("Ink for")
                        options: Theme.inkOptions
                        value: row.colorMode
                        onActivated: (v) => panel.model.setStyle(row.setId, v)
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        ThemedButton {
                            objectName: "setAddCurrent_" + row.index
                            tone: "ghost"
                            text: row.holdsCurrent ? qsTr("Remove current") : qsTr("Add current")
                            enabled: panel.studio.current.valid && !panel.model.working // qmllint disable unqualified
                            onClicked: row.holdsCurrent ? panel.model.removeIcon(row.setId, panel.studio.current.id) // qmllint disable unqualified
                                                        : panel.model.addIcon(row.setId, panel.studio.current.id)
                        }
                        Item { Layout.fillWidth: true }
                        IconButton {
                            objectName: "setDelete_" + row.index
                            size: 28
                            iconSize: 14
                            iconName: "trash"
                            toolTipText: qsTr("Delete the set (its icons stay)")
                            onClicked: panel.model.remove(row.setId) // qmllint disable unqualified
                        }
                        ThemedButton {
                            objectName: "setExport_" + row.index
                            iconName: "export"
                            text: qsTr("Export")
                            enabled: row.iconCount > 0 && !panel.model.working // qmllint disable unqualified
                            onClicked: panel.chooseZip(row.setId) // qmllint disable unqualified
                        }
                    }
                }
            }
        }

        EmptyState {
            Layout.fillWidth: true
            visible: list.count === 0 && !panel.model.loading
            iconName: "layers"
            title: qsTr("No toolbar sets")
            detail: qsTr("Name a set to group icons for one toolbar, give it one ink and export it in one step.")
        }
    }

    // Made only while a set is being exported, so the app's one export dialog stays the only save
    // dialog in the window (its controls keep unique names).
    Loader {
        id: saveLoader
        active: false
        sourceComponent: SaveDialog {
            objectName: "setSaveDialog"
            exporter: panel.exporter // qmllint disable unqualified
            onSaveRequested: (file) => panel.model.exportZip(panel.exportingSet, file)
            onClosed: Qt.callLater(() => saveLoader.active = false) // qmllint disable type
        }
    }
    function chooseZip(setId) {
        panel.exportingSet = setId
        saveLoader.active = true
        saveLoader.item.openIn(panel.exporter.startFolder, panel.model.suggestedZipName(setId), "zip")
    }
}
