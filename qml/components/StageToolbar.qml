import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Under the viewport: view toggles and zoom (left), actions on the current icon (right).
Rectangle {
    id: toolbar

    property var studio: Studio
    property var exporter: Exporter
    property var view: studio.view
    signal exportRequested()
    signal refineRequested()
    signal downloadRequested()

    // The width the tools need; Stage makes the bar at least as wide as the viewport.
    readonly property real toolsWidth: tools.implicitWidth + 16

    height: 44
    implicitHeight: 44
    radius: Theme.radiusLarge
    color: Theme.surface
    border.width: 1
    border.color: Theme.border

    RowLayout {
        id: tools
        anchors.fill: parent
        anchors.leftMargin: 6
        anchors.rightMargin: 6
        spacing: 2
        IconButton {
            objectName: "toggleGrid"
            iconName: "grid"
            toolTipText: qsTr("Toggle Grid")
            checkable: true
            checked: toolbar.view.showGrid
            onToggled: toolbar.view.showGrid = checked
        }
        IconButton {
            objectName: "toggleBounds"
            iconName: "scan"
            toolTipText: qsTr("Toggle Bounds")
            checkable: true
            checked: toolbar.view.showBounds
            onToggled: toolbar.view.showBounds = checked
        }
        Rectangle { width: 1; height: 20; color: Theme.border; Layout.leftMargin: 4; Layout.rightMargin: 4 }
        IconButton {
            objectName: "zoomOut"
            iconName: "zoom-out"
            toolTipText: qsTr("Zoom out (Ctrl+-)")
            enabled: toolbar.view.zoom > toolbar.view.minZoom + 1e-6
            onClicked: toolbar.view.zoomOut()
        }
        Label {
            objectName: "zoomLabel"
            Layout.preferredWidth: 44
            horizontalAlignment: Text.AlignHCenter
            text: Math.round(toolbar.view.zoom * 100) + "%"
            color: Theme.textSecondary
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSmall
            Accessible.name: qsTr("Zoom %1").arg(text)
        }
        IconButton {
            objectName: "zoomIn"
            iconName: "zoom-in"
            toolTipText: qsTr("Zoom in (Ctrl+=)")
            enabled: toolbar.view.zoom < toolbar.view.maxZoom - 1e-6
            onClicked: toolbar.view.zoomIn()
        }
        IconButton {
            objectName: "zoomReset"
            iconName: "zoom-reset"
            toolTipText: qsTr("Actual size (Ctrl+0)")
            enabled: Math.abs(toolbar.view.zoom - 1) > 1e-6
            onClicked: toolbar.view.resetZoom()
        }
        Item { Layout.fillWidth: true; Layout.minimumWidth: Theme.spacing }
        IconButton {
            objectName: "favoriteButton"
            enabled: toolbar.studio.current.valid && !toolbar.studio.busy
            iconName: toolbar.studio.current.favorite ? "heart-filled" : "heart"
            iconColor: toolbar.studio.current.favorite ? Theme.success : (hovered ? Theme.text : Theme.textSecondary)
            toolTipText: toolbar.studio.current.favorite ? qsTr("Remove from Library") : qsTr("Save to Library")
            onClicked: toolbar.studio.toggleFavorite()
        }
        IconButton {
            objectName: "copySvgButton"
            enabled: toolbar.studio.current.valid
            iconName: "copy"
            toolTipText: qsTr("Copy SVG")
            onClicked: toolbar.exporter.copySvg(toolbar.studio.current.svg)
        }
        IconButton {
            objectName: "downloadButton"
            enabled: toolbar.studio.current.valid
            iconName: "download"
            toolTipText: qsTr("Download")
            onClicked: toolbar.downloadRequested()
        }
        IconButton {
            objectName: "exportButton"
            enabled: toolbar.studio.current.valid
            iconName: "export"
            toolTipText: qsTr("Export…")
            onClicked: toolbar.exportRequested()
        }
        IconButton {
            objectName: "refineButton"
            enabled: !toolbar.studio.busy
            iconName: "pencil"
            toolTipText: qsTr("Refine")
            onClicked: toolbar.refineRequested()
        }
    }
}
