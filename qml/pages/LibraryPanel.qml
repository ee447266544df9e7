import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Library: uploaded SVGs and saved favourites. Click opens the icon on the stage; "+" uses it as a
// style reference for the next request; the trailing action removes it from the library.
Item {
    id: panel

    property var studio: Studio
    property var model: studio.library
    signal uploadRequested()

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Library")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list
                objectName: "libraryList"
                anchors.fill: parent
                clip: true
                spacing: 2
                model: panel.model
                boundsBehavior: Flickable.StopAtBounds
                keyNavigationEnabled: true
                ScrollBar.vertical: ScrollBar { }
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Library")

                section.property: "section"
                section.criteria: ViewSection.FullString
                section.delegate: SectionLabel {
                    required property string section
                    width: list.width // qmllint disable unqualified
                    topPadding: Theme.spacingSmall
                    bottomPadding: 6
                    leftPadding: 4
                    text: section === "uploaded" ? qsTr("Uploaded") : qsTr("Saved")
                }

                delegate: AssetRow {
                    id: rowItem
                    required property int index
                    required property var model
                    readonly property bool uploaded: model.section === "uploaded"
                    objectName: "libraryRow_" + index
                    assetId: model.id
                    prompt: model.prompt
                    badge: uploaded ? "upload" : model.intent
                    thumbnailSvg: model.thumbnailSvg
                    colorMode: model.colorMode
                    createdAt: model.createdAt
                    current: model.id === panel.studio.current.id
                    variantIndex: model.selectedVariant
                    variantCount: model.variantCount
                    onClicked: panel.studio.selectAsset(assetId) // qmllint disable unqualified
                    IconButton {
                        objectName: "useAsReference_" + rowItem.index
                        size: 28
                        iconSize: 15
                        iconName: "plus"
                        toolTipText: qsTr("Use as style reference")
                        onClicked: panel.studio.addAttachmentFromAsset(rowItem.assetId) // qmllint disable unqualified
                    }
                    IconButton {
                        objectName: "removeLibrary_" + rowItem.index
                        size: 28
                        iconSize: 15
                        iconName: rowItem.uploaded ? "trash" : "heart-filled"
                        toolTipText: rowItem.uploaded ? qsTr("Delete upload") : qsTr("Remove from Library")
                        iconColor: hovered ? Theme.danger : (rowItem.uploaded ? Theme.textSecondary : Theme.success)
                        hoverColor: Theme.dangerSoft
                        onClicked: panel.model.removeItem(rowItem.assetId) // qmllint disable unqualified
                    }
                }
            }

            Column {
                anchors.centerIn: parent
                visible: panel.model.loading && panel.model.count === 0
                spacing: Theme.spacingSmall
                Spinner { anchors.horizontalCenter: parent.horizontalCenter; size: 28 }
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: qsTr("Loading library…")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
            EmptyState {
                objectName: "libraryEmpty"
                anchors.centerIn: parent
                width: parent.width - 32
                visible: !panel.model.loading && panel.model.count === 0 && panel.model.error.length === 0
                iconName: "heart"
                title: qsTr("No Saved Items")
                detail: qsTr("Save icons with the heart on the stage, or upload your own SVGs to use as style references.")
            }
            ErrorState {
                objectName: "libraryError"
                anchors.centerIn: parent
                width: parent.width - 32
                visible: !panel.model.loading && panel.model.error.length > 0 && panel.model.count === 0
                title: qsTr("Could not load the library")
                message: panel.model.error
                onRetry: panel.model.refresh()
            }
            UndoBar {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                z: 2
                active: panel.model.undoAvailable
                text: panel.model.undoText
                onUndo: panel.model.undoRemove()
            }
        }

        ThemedButton {
            objectName: "uploadSvgButton"
            Layout.fillWidth: true
            iconName: "upload"
            text: qsTr("Upload SVG")
            onClicked: panel.uploadRequested()
        }
    }
}
