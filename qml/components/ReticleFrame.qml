import QtQuick
import ParametricIcons

// CAD-style viewport frame: a faint dashed outline with four 16 px L-shaped corners.
Item {
    id: frame

    property color color: Theme.reticle
    property int corner: 16
    property real lineWidth: 1.5
    onColorChanged: outline.requestPaint()

    Canvas {
        id: outline
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            ctx.strokeStyle = Qt.rgba(frame.color.r, frame.color.g, frame.color.b, 0.35)
            ctx.lineWidth = 1
            ctx.setLineDash([3, 3])
            ctx.strokeRect(0.5, 0.5, width - 1, height - 1)
        }
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
        Connections {
            target: Theme
            function onModeChanged() { outline.requestPaint() }
        }
    }

    // The delegates use this file's ids (see qml/.qmllint.ini).
    // qmllint disable unqualified
    Repeater {
        model: 4
        Item {
            required property int index
            readonly property bool isRight: index === 1 || index === 3
            readonly property bool isBottom: index >= 2
            x: isRight ? frame.width - frame.corner : 0
            y: isBottom ? frame.height - frame.corner : 0
            width: frame.corner
            height: frame.corner
            Rectangle {
                width: frame.corner
                height: frame.lineWidth
                y: parent.isBottom ? frame.corner - height : 0
                color: frame.color
            }
            Rectangle {
                width: frame.lineWidth
                height: frame.corner
                x: parent.isRight ? frame.corner - width : 0
                color: frame.color
            }
        }
    }
    // qmllint enable unqualified
}
