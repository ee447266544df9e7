import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The square CAD viewport: the current variant painted by QtSvg at its real pixel size (crisp at any
// zoom), grid and bounds overlays, the variant stepper, design-check warnings beside it, the busy overlay
// with Cancel, and the toolbar of view toggles and actions on the icon.
Item {
    id: stage

    property var studio: Studio
    property var exporter: Exporter
    property int maxViewport: 500
    readonly property int viewportSize: Math.max(160, Math.min(maxViewport, width,
                                                               height - toolbar.height - Theme.spacing))
    readonly property alias viewport: viewportRect
    signal exportRequested()
    signal refineRequested()
    signal downloadRequested()

    implicitHeight: maxViewport + toolbar.implicitHeight + Theme.spacing

    Rectangle {
        id: viewportRect
        objectName: "viewport"
        anchors.horizontalCenter: parent.horizontalCenter
        width: stage.viewportSize
        height: stage.viewportSize
        color: stage.studio.hasCurrent ? Theme.canvasFor(stage.studio.currentColorMode) : Theme.stageBackground
        Accessible.role: Accessible.Graphic
        Accessible.name: stage.studio.hasCurrent
                         ? qsTr("Icon preview: %1, variant %2").arg(stage.studio.currentPrompt).arg(stage.studio.variantLabel)
                         : qsTr("Icon preview, empty")

        Flickable {
            id: flick
            anchors.fill: parent
            clip: true
            contentWidth: Math.max(width, icon.width)
            contentHeight: Math.max(height, icon.height)
            interactive: stage.studio.zoom > 1
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.horizontal: ScrollBar { policy: flick.contentWidth > flick.width ? ScrollBar.AsNeeded : ScrollBar.AlwaysOff }
            ScrollBar.vertical: ScrollBar { policy: flick.contentHeight > flick.height ? ScrollBar.AsNeeded : ScrollBar.AlwaysOff }

            // Keep the centre in view when zooming.
            property real lastZoom: 1
            Connections {
                target: stage.studio
                function onZoomChanged() {
                    const z = stage.studio.zoom, r = z / flick.lastZoom
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
                visible: stage.studio.hasCurrent && stage.studio.currentSvg.length > 0
                width: Math.round(viewportRect.width * stage.studio.zoom)
                height: width
                x: (flick.contentWidth - width) / 2
                y: (flick.contentHeight - height) / 2
                svg: stage.studio.currentSvg

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
                    enabled: stage.studio.zoom <= 1 && icon.visible
                    target: null
                    onActiveChanged: {
                        if (active) {
                            const url = stage.exporter.dragFile(stage.studio.currentSvg, stage.studio.currentPrompt,
                                                                stage.studio.variantIndex, stage.studio.variantCount)
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
            visible: stage.studio.showGrid
        }
        BoundsOverlay {
            anchors.fill: parent
            visible: stage.studio.showBounds
        }
        ReticleFrame {
            anchors.fill: parent
        }

        // Empty.
        Column {
            anchors.centerIn: parent
            visible: !stage.studio.hasCurrent && !stage.studio.busy
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

        // Variant stepper "‹ 01 / 03 ›".
        Rectangle {
            objectName: "variantStepper"
            visible: stage.studio.hasCurrent && stage.studio.variantCount > 1
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.top
            anchors.topMargin: 10
            width: stepRow.implicitWidth + 8
            height: 32
            radius: 16
            color: Theme.surfaceRaised
            border.width: 1
            border.color: Theme.border
            z: 2
            Row {
                id: stepRow
                anchors.centerIn: parent
                spacing: 2
                IconButton {
                    objectName: "previousVariant"
                    size: 26
                    iconSize: 14
                    iconName: "chevron-left"
                    toolTipText: qsTr("Previous variant")
                    enabled: stage.studio.variantIndex > 0 && !stage.studio.variantsLoading
                    onClicked: stage.studio.previousVariant()
                }
                Label {
                    objectName: "variantLabel"
                    anchors.verticalCenter: parent.verticalCenter
                    width: 64
                    horizontalAlignment: Text.AlignHCenter
                    text: stage.studio.variantLabel
                    color: Theme.text
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontSmall + 1
                    Accessible.name: qsTr("Variant %1").arg(text)
                }
                IconButton {
                    objectName: "nextVariant"
                    size: 26
                    iconSize: 14
                    iconName: "chevron-right"
                    toolTipText: qsTr("Next variant")
                    enabled: stage.studio.variantIndex < stage.studio.variantCount - 1
                             && !stage.studio.variantsLoading
                    onClicked: stage.studio.nextVariant()
                }
            }
        }

        // Busy overlay with Cancel.
        Rectangle {
            objectName: "busyOverlay"
            anchors.fill: parent
            visible: opacity > 0
            opacity: stage.studio.busy ? 1 : 0
            Behavior on opacity { NumberAnimation { duration: Theme.animation } }
            color: Theme.overlay
            z: 3
            MouseArea { anchors.fill: parent; hoverEnabled: true }
            Column {
                anchors.centerIn: parent
                spacing: Theme.spacing
                Spinner {
                    anchors.horizontalCenter: parent.horizontalCenter
                    size: 48
                    running: stage.studio.busy
                }
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: qsTr("Generating…")
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                }
                ThemedButton {
                    objectName: "cancelGeneration"
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: qsTr("Cancel")
                    iconName: "x"
                    onClicked: stage.studio.cancel()
                }
            }
        }
    }

    // Design-check warnings: a card beside the viewport when there is room, else a pill in the viewport's
    // top-left corner that opens the same list (never covering the artwork).
    readonly property bool hasWarnings: studio.hasCurrent && studio.currentWarnings.length > 0 && !studio.busy
    readonly property bool warningsBeside: width - viewportRect.width >= 2 * (220 + Theme.spacingLarge)

    Component {
        id: warningList
        ColumnLayout {
            spacing: 6
            RowLayout {
                spacing: 6
                TintedIcon { name: "alert"; size: 14; color: Theme.warning }
                Label {
                    text: qsTr("Design check — variant %1").arg(stage.studio.variantIndex + 1)
                    color: Theme.warning
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                }
            }
            Repeater {
                model: stage.studio.currentWarnings
                Label {
                    required property string modelData
                    Layout.fillWidth: true
                    Layout.maximumWidth: 260
                    text: "• " + modelData
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }
            }
        }
    }

    Rectangle {
        id: warningsPanel
        objectName: "warningsPanel"
        visible: stage.hasWarnings && stage.warningsBeside
        x: viewportRect.x + viewportRect.width + Theme.spacingLarge
        y: viewportRect.y
        width: 220
        height: besideList.implicitHeight + 20
        radius: Theme.radius
        color: Theme.warningSoft
        border.width: 1
        border.color: Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
        Accessible.role: Accessible.AlertMessage
        Accessible.name: qsTr("Design check: %1").arg(stage.studio.currentWarnings.join("; "))
        Loader {
            id: besideList
            x: 10
            y: 10
            width: parent.width - 20
            sourceComponent: warningList
        }
    }

    Button {
        id: warningsPill
        objectName: "warningsPill"
        visible: stage.hasWarnings && !stage.warningsBeside
        parent: viewportRect
        x: 10
        y: 10
        z: 4
        implicitHeight: 28
        leftPadding: 8
        rightPadding: 10
        focusPolicy: Qt.StrongFocus
        text: stage.studio.currentWarnings.length === 1 ? qsTr("1 design warning") : qsTr("%1 design warnings").arg(stage.studio.currentWarnings.length)
        Accessible.name: qsTr("Design check: %1").arg(stage.studio.currentWarnings.join("; "))
        onClicked: warningsPopup.opened ? warningsPopup.close() : warningsPopup.open()
        contentItem: RowLayout {
            spacing: 6
            TintedIcon { name: "alert"; size: 13; color: Theme.warning }
            Label { text: warningsPill.text; color: Theme.warning; font.pixelSize: Theme.fontSmall; font.weight: Font.Medium }
        }
        background: Rectangle {
            radius: 14
            color: warningsPill.hovered ? Theme.surfaceHigh : Theme.surfaceRaised
            border.width: warningsPill.visualFocus ? 2 : 1
            border.color: warningsPill.visualFocus ? Theme.focus : Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
        }
        Popup {
            id: warningsPopup
            y: warningsPill.height + 6
            padding: 12
            background: Rectangle {
                radius: Theme.radius
                color: Theme.surfaceRaised
                border.width: 1
                border.color: Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
            }
            contentItem: Loader { sourceComponent: warningList }
        }
    }

    // View toggles and zoom (left), actions on the current icon (right).
    Rectangle {
        id: toolbar
        anchors.top: viewportRect.bottom
        anchors.topMargin: Theme.spacing
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.max(viewportRect.width, tools.implicitWidth + 16)
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
                checked: stage.studio.showGrid
                onToggled: stage.studio.showGrid = checked
            }
            IconButton {
                objectName: "toggleBounds"
                iconName: "scan"
                toolTipText: qsTr("Toggle Bounds")
                checkable: true
                checked: stage.studio.showBounds
                onToggled: stage.studio.showBounds = checked
            }
            Rectangle { width: 1; height: 20; color: Theme.border; Layout.leftMargin: 4; Layout.rightMargin: 4 }
            IconButton {
                objectName: "zoomOut"
                iconName: "zoom-out"
                toolTipText: qsTr("Zoom out (Ctrl+-)")
                enabled: stage.studio.zoom > stage.studio.minZoom + 1e-6
                onClicked: stage.studio.zoomOut()
            }
            Label {
                objectName: "zoomLabel"
                Layout.preferredWidth: 44
                horizontalAlignment: Text.AlignHCenter
                text: Math.round(stage.studio.zoom * 100) + "%"
                color: Theme.textSecondary
                font.family: Theme.monoFamily
                font.pixelSize: Theme.fontSmall
                Accessible.name: qsTr("Zoom %1").arg(text)
            }
            IconButton {
                objectName: "zoomIn"
                iconName: "zoom-in"
                toolTipText: qsTr("Zoom in (Ctrl+=)")
                enabled: stage.studio.zoom < stage.studio.maxZoom - 1e-6
                onClicked: stage.studio.zoomIn()
            }
            IconButton {
                objectName: "zoomReset"
                iconName: "zoom-reset"
                toolTipText: qsTr("Actual size (Ctrl+0)")
                enabled: Math.abs(stage.studio.zoom - 1) > 1e-6
                onClicked: stage.studio.resetZoom()
            }
            Item { Layout.fillWidth: true; Layout.minimumWidth: Theme.spacing }
            IconButton {
                objectName: "favoriteButton"
                enabled: stage.studio.hasCurrent && !stage.studio.busy
                iconName: stage.studio.currentFavorite ? "heart-filled" : "heart"
                iconColor: stage.studio.currentFavorite ? Theme.success : (hovered ? Theme.text : Theme.textSecondary)
                toolTipText: stage.studio.currentFavorite ? qsTr("Remove from Library") : qsTr("Save to Library")
                onClicked: stage.studio.toggleFavorite()
            }
            IconButton {
                objectName: "copySvgButton"
                enabled: stage.studio.hasCurrent
                iconName: "copy"
                toolTipText: qsTr("Copy SVG")
                onClicked: stage.exporter.copySvg(stage.studio.currentSvg)
            }
            IconButton {
                objectName: "downloadButton"
                enabled: stage.studio.hasCurrent
                iconName: "download"
                toolTipText: qsTr("Download")
                onClicked: stage.downloadRequested()
            }
            IconButton {
                objectName: "exportButton"
                enabled: stage.studio.hasCurrent
                iconName: "export"
                toolTipText: qsTr("Export…")
                onClicked: stage.exportRequested()
            }
            IconButton {
                objectName: "refineButton"
                enabled: !stage.studio.busy
                iconName: "pencil"
                toolTipText: qsTr("Refine")
                onClicked: stage.refineRequested()
            }
        }
    }

    // Ctrl+wheel zooms.
    WheelHandler {
        target: null
        acceptedModifiers: Qt.ControlModifier
        onWheel: (event) => {
            if (event.angleDelta.y > 0)
                stage.studio.zoomIn()
            else if (event.angleDelta.y < 0)
                stage.studio.zoomOut()
        }
    }
}
