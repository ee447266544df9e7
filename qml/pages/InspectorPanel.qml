import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Inspector: metadata, the parameters (edited live), prompt and the SVG source of the current variant.
Item {
    id: panel

    property var studio: Studio
    property var exporter: Exporter

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Inspector")

    EmptyState {
        objectName: "inspectorEmpty"
        anchors.centerIn: parent
        width: parent.width - 32
        visible: !panel.studio.current.valid
        iconName: "sliders"
        title: qsTr("No Selection")
        detail: qsTr("Generate an icon or pick one from History to inspect it.")
    }

    Flickable {
        id: flick
        anchors.fill: parent
        visible: panel.studio.current.valid
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { }

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.spacingSmall

            SectionLabel { text: qsTr("Metadata") }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: 6
                Label { text: qsTr("Intent"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
                Badge {
                    objectName: "inspectorIntent"
                    Layout.alignment: Qt.AlignRight
                    text: panel.studio.current.source === "imported" ? "upload" : panel.studio.current.intent
                }
                Label { text: qsTr("Variants"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
                Label {
                    objectName: "inspectorVariants"
                    Layout.alignment: Qt.AlignRight
                    text: panel.studio.current.variantCount
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }
                Label { text: qsTr("Selected"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
                Label {
                    Layout.alignment: Qt.AlignRight
                    Layout.maximumWidth: column.width * 0.6
                    text: panel.studio.current.variantName.length ? panel.studio.current.variantName : panel.studio.current.variantLabel
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
                Label { text: qsTr("Ink for"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
                Label {
                    objectName: "inspectorInk"
                    Layout.alignment: Qt.AlignRight
                    text: panel.studio.current.colorMode === "light" ? qsTr("Dark toolbar") : qsTr("Light toolbar")
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }
                Label { text: qsTr("Created"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
                Label {
                    objectName: "inspectorCreated"
                    Layout.alignment: Qt.AlignRight
                    text: panel.studio.current.createdAt ? panel.studio.current.createdAt.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }
            }

            SectionLabel { text: qsTr("Parameters"); Layout.topMargin: Theme.spacing }
            ParameterEditor {
                objectName: "parameterEditor"
                Layout.fillWidth: true
                editor: panel.studio.editor
            }

            SectionLabel { text: qsTr("Prompt"); Layout.topMargin: Theme.spacing }
            Label {
                objectName: "inspectorPrompt"
                Layout.fillWidth: true
                text: panel.studio.current.prompt
                color: Theme.text
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                SectionLabel { text: qsTr("Source"); Layout.fillWidth: true }
                IconButton {
                    objectName: "copySource"
                    size: 26
                    iconSize: 14
                    iconName: "copy"
                    toolTipText: qsTr("Copy SVG source")
                    onClicked: panel.exporter.copySvg(panel.studio.current.svg)
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 200
                radius: Theme.radiusSmall
                color: Theme.rail
                border.width: 1
                border.color: Theme.border
                ScrollView {
                    anchors.fill: parent
                    anchors.margins: 1
                    TextArea {
                        objectName: "inspectorSource"
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.WrapAnywhere
                        text: panel.studio.current.svg
                        textFormat: TextEdit.PlainText
                        color: Theme.textSecondary
                        selectionColor: Theme.accent
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.fontTiny + 1
                        background: null
                        Accessible.name: qsTr("SVG source")
                    }
                }
            }
        }
    }
}
