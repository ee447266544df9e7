import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// One icon in History or Library: thumbnail, prompt, date and time, badge and trailing actions.
// Also a drag source: dragging the row out drops the selected variant as an .svg file.
ItemDelegate {
    id: row

    property string assetId
    property string prompt
    property string badge
    property string thumbnailSvg
    property string colorMode // the icon's output style, for the thumbnail's paper
    property var createdAt
    property bool current: false
    property int variantIndex: 0
    property int variantCount: 1
    default property alias actions: actionRow.data

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: 64
    padding: 8
    leftPadding: 10
    rightPadding: 6
    focusPolicy: Qt.StrongFocus
    Accessible.name: qsTr("%1, %2, %3").arg(prompt).arg(badge).arg(dateText.text + " " + timeText.text)

    background: Rectangle {
        radius: Theme.radius
        color: row.current ? Theme.accentSoft : (row.down ? Theme.pressed : (row.hovered ? Theme.hover : "transparent"))
        border.width: row.visualFocus ? 2 : (row.current ? 1 : 0)
        border.color: row.visualFocus ? Theme.focus : Theme.accent
        // The current icon's marker: a bar at the leading edge, visible at a glance.
        Rectangle {
            objectName: "currentMarker"
            visible: row.current
            width: 3
            height: parent.height - 16
            anchors.verticalCenter: parent.verticalCenter
            radius: 1.5
            color: Theme.accent
        }
    }

    contentItem: RowLayout {
        spacing: 10
        Thumbnail {
            size: 44
            svg: row.thumbnailSvg
            inkMode: row.colorMode.length ? row.colorMode : "dark"
        }
        ColumnLayout {
            // Preferred width 0: the texts take what the thumbnail and the actions leave, never more.
            Layout.fillWidth: true
            Layout.preferredWidth: 0
            clip: true
            spacing: 3
            Label {
                Layout.fillWidth: true
                text: row.prompt.length ? row.prompt : qsTr("Untitled")
                color: Theme.text
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
                maximumLineCount: 1
            }
            RowLayout {
                spacing: 6
                Badge {
                    visible: row.badge.length > 0
                    text: row.badge
                }
                Label {
                    id: dateText
                    text: row.createdAt ? Qt.formatDateTime(row.createdAt, new Date(row.createdAt).getFullYear() === new Date().getFullYear() ? "d MMM" : "d MMM yyyy") : ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontTiny + 1
                }
                Label {
                    id: timeText
                    text: row.createdAt ? Qt.formatDateTime(row.createdAt, "HH:mm") : ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontTiny + 1
                }
            }
        }
        Row {
            id: actionRow
            spacing: 0
            opacity: row.hovered || row.visualFocus || row.current ? 1 : 0.55
        }
    }

    Item {
        id: dragProxy
        anchors.fill: parent
        Drag.dragType: Drag.Automatic
        Drag.supportedActions: Qt.CopyAction
    }
    DragHandler {
        target: null
        enabled: row.thumbnailSvg.length > 0
        onActiveChanged: {
            if (active) {
                const url = Exporter.dragFile(row.thumbnailSvg, row.prompt, row.variantIndex, row.variantCount)
                dragProxy.Drag.mimeData = { "text/uri-list": url.toString() }
                dragProxy.Drag.active = true
            } else {
                dragProxy.Drag.active = false
            }
        }
    }
}
