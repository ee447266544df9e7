import QtQuick
import ParametricIcons

// The stage: the square viewport (IconViewport) with the variant stepper, the busy overlay and, when
// there is no room beside it, the design-warnings pill over it; the warnings card beside it; the
// toolbar under it; Ctrl+wheel zooms.
Item {
    id: stage

    property var studio: Studio
    property var exporter: Exporter
    property var view: studio.view // zoom, grid and bounds (StageView)
    property int maxViewport: 500
    readonly property int viewportSize: Math.max(160, Math.min(maxViewport, width,
                                                               height - toolbar.height - Theme.spacing))
    readonly property alias viewport: viewportRect
    signal exportRequested()
    signal refineRequested()
    signal downloadRequested()

    implicitHeight: maxViewport + toolbar.implicitHeight + Theme.spacing

    // Design-check warnings: a card beside the viewport when there is room, else a pill in the viewport's
    // top-left corner that opens the same list (never covering the artwork).
    readonly property bool hasWarnings: studio.current.valid && studio.current.warnings.length > 0 && !studio.busy
    readonly property bool warningsBeside: width - viewportRect.width >= 2 * (220 + Theme.spacingLarge)

    IconViewport {
        id: viewportRect
        objectName: "viewport"
        anchors.horizontalCenter: parent.horizontalCenter
        width: stage.viewportSize
        height: stage.viewportSize
        studio: stage.studio
        exporter: stage.exporter
        view: stage.view

        VariantStepper {
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.top
            anchors.topMargin: 10
            z: 2
            studio: stage.studio
        }
        BusyOverlay {
            anchors.fill: parent
            z: 3
            studio: stage.studio
        }
        DesignWarningsPill {
            visible: stage.hasWarnings && !stage.warningsBeside
            x: 10
            y: 10
            z: 4
            studio: stage.studio
        }
    }

    DesignWarningsCard {
        visible: stage.hasWarnings && stage.warningsBeside
        x: viewportRect.x + viewportRect.width + Theme.spacingLarge
        y: viewportRect.y
        studio: stage.studio
    }

    StageToolbar {
        id: toolbar
        anchors.top: viewportRect.bottom
        anchors.topMargin: Theme.spacing
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.max(viewportRect.width, toolbar.toolsWidth)
        studio: stage.studio
        exporter: stage.exporter
        view: stage.view
        onExportRequested: stage.exportRequested()
        onRefineRequested: stage.refineRequested()
        onDownloadRequested: stage.downloadRequested()
    }

    // Ctrl+wheel zooms.
    WheelHandler {
        target: null
        acceptedModifiers: Qt.ControlModifier
        onWheel: (event) => {
            if (event.angleDelta.y > 0)
                stage.view.zoomIn()
            else if (event.angleDelta.y < 0)
                stage.view.zoomOut()
        }
    }
}
