import QtQuick
import ParametricIcons

// A tiny preview of an output style: a stroke and a grip in `ink` on `paper`, as the icon will look
// on that toolbar.
Rectangle {
    id: swatch

    property color paper
    property color ink

    implicitWidth: 20
    implicitHeight: 14
    radius: 3
    color: paper
    border.width: 1
    border.color: Theme.borderStrong
    Accessible.ignored: true

    Rectangle {
        x: 4
        y: parent.height / 2 - 0.5
        width: parent.width - 8
        height: 1.5
        color: swatch.ink
        rotation: -25
        antialiasing: true
    }
    Rectangle {
        x: parent.width - 7
        y: 3
        width: 3
        height: 3
        color: swatch.ink
    }
}
