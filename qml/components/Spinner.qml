import QtQuick
import ParametricIcons

// Indeterminate progress: a rotating 270° arc.
Item {
    id: spinner

    property int size: 48
    property real lineWidth: Math.max(2, size / 14)
    property color color: Theme.accent
    property bool running: visible

    implicitWidth: size
    implicitHeight: size
    Accessible.role: Accessible.ProgressBar
    Accessible.name: qsTr("Working")

    Canvas {
        id: arc
        anchors.fill: parent
        renderStrategy: Canvas.Cooperative
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const r = (Math.min(width, height) - spinner.lineWidth) / 2
            ctx.lineWidth = spinner.lineWidth
            ctx.lineCap = "round"
            ctx.strokeStyle = Qt.rgba(spinner.color.r, spinner.color.g, spinner.color.b, 0.18)
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
            ctx.stroke()
            ctx.strokeStyle = spinner.color
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, 0, 1.5 * Math.PI)
            ctx.stroke()
        }
        Connections {
            target: spinner
            function onColorChanged() { arc.requestPaint() }
        }
        // A GUI-thread animation, not a RotationAnimator: render-thread animators did not advance on
        // software-rendered X displays (threaded render loop), leaving a frozen spinner.
        NumberAnimation on rotation {
            from: 0
            to: 360
            duration: 900
            loops: Animation.Infinite
            running: spinner.running
        }
    }
}
