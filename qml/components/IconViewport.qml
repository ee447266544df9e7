import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// The square CAD viewport: the current variant painted by QtSvg at its real pixel size (crisp at any
// zoom, panned when zoomed in, dragged out as an .svg file at 100 % and below), the grid and bounds
// overlays, and the hint when nothing is shown. Stage puts the stepper, the busy overlay and the
// warnings pill over it.
Rectangle {
    id: viewport

    property var studio: Studio
    property var exporter: Exporter
    property var view: studio.view

    color: viewport.studio.current.valid ? Theme.canvasFor(viewport.studio.current.colorMode) : Theme.stageBackground
    Accessible.role: Accessible.Graphic
    Accessible.name: viewport.studio.current.valid
                     ? qsTr("Icon preview: %1, variant %2").arg(viewport.studio.current.prompt).arg(viewport.studio.current.variantLabel)
                     : qsTr("Icon preview, empty")

    Flickable {
        id: flick
        anchors.fill: parent
        clip: true
        contentWidth: Math.max(width, icon.width)
        contentHeight: Math.max(height, icon.height)
        interactive: viewport.view.zoom > 1
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.horizontal: ScrollBar { policy: flick.contentWidth > flick.width ? ScrollBar.AsNeeded : ScrollBar.AlwaysOff }
        ScrollBar.vertical: ScrollBar { policy: flick.contentHeight > flick.height ? ScrollBar.AsNeeded : ScrollBar.AlwaysOff }

        // Keep the centre in view when zooming.
        property real lastZoom: 1
        Connections {
            target: viewport.view
            function onZoomChanged() {
                const z = viewport.view.zoom, r = z / flick.lastZoom
                const cx = flick.contentX + flick.width / 2, cy = flick.contentY + flick.height / 2
                flick.lastZoom = z
                Qt.callLater(() => {
                    flick.contentX = Math.max(0, Math.min(flick.contentWidth - flick.width, cx * r - flick.width / 2))
                    flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, cy * r - flick.height / 2))
                })
            }
        }

        SvgItem {
            id: icon
            objectName: "stageSvg"
            visible: viewport.studio.current.valid && viewport.studio.current.svg.length > 0
            width: Math.round(viewport.width * viewport.view.zoom)
            height: width
            x: (flick.contentWidth - width) / 2
            y: (flick.contentHeight - height) / 2
            svg: viewport.studio.current.svg

            // Drag the icon out as an .svg file (at 100 % and below; when zoomed in, dragging pans).
            Item {
                id: dragProxy
                anchors.fill: parent
                Drag.dragType: Drag.Automatic
                Drag.supportedActions: Qt.CopyAction
                Drag.proposedAction: Qt.CopyAction
            }
            DragHandler {
                id: dragOut
                enabled: viewport.view.zoom <= 1 && icon.visible
                target: null
                onActiveChanged: {
                    if (active) {
                        const url = viewport.exporter.dragFile(viewport.studio.current.svg, viewport.studio.current.prompt,
                                                               viewport.studio.current.variantIndex, viewport.studio.current.variantCount)
                        dragProxy.Drag.mimeData = { "text/uri-list": url.toString() }
                        dragProxy.Drag.active = true
                    } else {
                        dragProxy.Drag.active = false
                    }
                }
            }
        }
    }

    GridOverlay {
        anchors.fill: parent
        visible: viewport.view.showGrid
    }
    BoundsOverlay {
        anchors.fill: parent
        visible: viewport.view.showBounds
    }
    ReticleFrame {
        anchors.fill: parent
    }

    // Empty.
    Column {
        anchors.centerIn: parent
        visible: !viewport.studio.current.valid && !viewport.studio.busy
        spacing: Theme.spacing
        TintedIcon {
            anchors.horizontalCenter: parent.horizontalCenter
            name: "scan"
            size: 28
            color: Theme.textMuted
        }
        Label {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Describe an icon above, or pick one from History")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
    }
}
