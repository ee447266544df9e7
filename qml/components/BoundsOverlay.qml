import QtQuick
import ParametricIcons

// The safe-area bounds: a dashed square inset by 6.25 % (2 of 32 units), 40 % opacity.
Canvas {
    id: bounds

    property color color: Theme.toggled
    readonly property real inset: width * 0.0625

    opacity: 0.4
    Accessible.ignored: true
    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.strokeStyle = color
        ctx.lineWidth = 1
        ctx.setLineDash([4, 4])
        ctx.strokeRect(Math.round(inset) + 0.5, Math.round(inset) + 0.5, width - 2 * Math.round(inset) - 1,
                       height - 2 * Math.round(inset) - 1)
    }
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()
    onColorChanged: requestPaint()
}
