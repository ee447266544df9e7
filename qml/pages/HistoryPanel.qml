import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// History: the user's icons, newest first, paged from the server as the list scrolls, searchable by
// prompt, cached on disk (so it shows instantly and offline); delete with an undo window.
Item {
    id: panel

    property var studio: Studio
    property var model: studio.history
    readonly property alias list: list
    readonly property alias searchField: search

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("History")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        ThemedTextField {
            id: search
            objectName: "historySearch"
            Layout.fillWidth: true
            leftPadding: 32
            placeholderText: qsTr("Search prompts")
            Accessible.name: qsTr("Search history")
            text: panel.model.searchText
            onTextEdited: panel.model.searchText = text
            Keys.onDownPressed: list.forceActiveFocus()
            Keys.onEscapePressed: { text = ""; panel.model.searchText = "" }
            TintedIcon {
                x: 10
                anchors.verticalCenter: parent.verticalCenter
                name: "search"
                size: 15
                color: Theme.textMuted
            }
        }

        Label {
            visible: panel.model.fromCache && panel.model.count > 0
            Layout.fillWidth: true
            text: qsTr("Showing the copy saved on this computer")
            color: Theme.textMuted
            font.pixelSize: Theme.fontTiny + 1
            elide: Text.ElideRight
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list
                objectName: "historyList"
                anchors.fill: parent
                clip: true
                spacing: 2
                model: panel.model
                currentIndex: -1
                keyNavigationEnabled: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { }
                Accessible.role: Accessible.List
                Accessible.name: qsTr("History")

                delegate: AssetRow {
                    id: rowItem
                    required property int index
                    required property var model
                    objectName: "historyRow_" + index
                    assetId: model.id
                    prompt: model.prompt
                    badge: model.intent
                    thumbnailSvg: model.thumbnailSvg
                    colorMode: model.colorMode
                    createdAt: model.createdAt
                    current: model.id === panel.studio.current.id
                    variantIndex: model.selectedVariant
                    variantCount: model.variantCount
                    onClicked: { list.currentIndex = index; panel.studio.selectAsset(assetId) } // qmllint disable unqualified
                    Keys.onDeletePressed: panel.model.remove(assetId) // qmllint disable unqualified
                    IconButton {
                        objectName: "deleteHistory_" + rowItem.index
                        size: 28
                        iconSize: 15
                        iconName: "trash"
                        toolTipText: qsTr("Delete")
                        hoverColor: Theme.dangerSoft
                        iconColor: hovered ? Theme.danger : Theme.textSecondary
                        onClicked: panel.model.remove(rowItem.assetId) // qmllint disable unqualified
                    }
                }

                // The current icon is always in view and marked: a new generation lands at the top,
                // an icon chosen elsewhere (Library) is scrolled to.
                function showCurrent() {
                    const i = panel.model.indexOf(panel.studio.current.id)
                    currentIndex = i
                    if (i >= 0)
                        positionViewAtIndex(i, ListView.Contain)
                }
                Connections {
                    target: panel.studio.current
                    function onChanged() { list.showCurrent() }
                }
                Connections {
                    target: panel.model
                    function onCountChanged() { Qt.callLater(list.showCurrent) } // qmllint disable type
                }

                footer: Item {
                    width: list.width // qmllint disable unqualified
                    height: panel.model.loading && panel.model.count > 0 ? 48 : 0 // qmllint disable unqualified
                    Spinner {
                        anchors.centerIn: parent
                        visible: parent.height > 0
                        size: 22
                    }
                }
            }

            // First load.
            Column {
                anchors.centerIn: parent
                visible: panel.model.loading && panel.model.count === 0
                spacing: Theme.spacingSmall
                Spinner { anchors.horizontalCenter: parent.horizontalCenter; size: 28 }
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: qsTr("Loading history…")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }

            EmptyState {
                objectName: "historyEmpty"
                anchors.centerIn: parent
                width: parent.width - 32
                visible: !panel.model.loading && panel.model.count === 0 && panel.model.error.length === 0
                iconName: panel.model.searchText.length ? "search" : "history"
                title: panel.model.searchText.length ? qsTr("No matches") : qsTr("No history yet")
                detail: panel.model.searchText.length ? qsTr("No prompt contains “%1”.").arg(panel.model.searchText)
                                                      : qsTr("Icons you generate appear here.")
            }

            ErrorState {
                objectName: "historyError"
                anchors.centerIn: parent
                width: parent.width - 32
                visible: !panel.model.loading && panel.model.error.length > 0 && panel.model.count === 0
                title: qsTr("Could not load history")
                message: panel.model.error
                onRetry: panel.model.refresh()
            }

            UndoBar {
                objectName: "historyUndo"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                z: 2
                active: panel.model.undoAvailable
                text: panel.model.undoText
                onUndo: panel.model.undoRemove()
            }
        }

        // Error with rows still shown (e.g. the next page failed).
        Banner {
            visible: panel.model.error.length > 0 && panel.model.count > 0
            Layout.fillWidth: true
            text: panel.model.error
            tint: Theme.danger
            actionText: qsTr("Retry")
            radius: Theme.radius
            onAction: panel.model.refresh()
        }

    }
}
