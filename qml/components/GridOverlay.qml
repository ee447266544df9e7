import QtQuick
import ParametricIcons

// The 32-division construction grid drawn over the icon (1 px lines, 20 % opacity).
Item {
    id: grid

    property int divisions: 32
    property color color: Theme.toggled

    opacity: 0.2
    Accessible.ignored: true

    // The delegates use this file's ids (see qml/.qmllint.ini).
    // qmllint disable unqualified
    Repeater {
        model: grid.divisions - 1
        Rectangle {
            required property int index
            x: Math.round((index + 1) * grid.width / grid.divisions)
            width: 1
            height: grid.height
            color: grid.color
        }
    }
    Repeater {
        model: grid.divisions - 1
        Rectangle {
            required property int index
            y: Math.round((index + 1) * grid.height / grid.divisions)
            height: 1
            width: grid.width
            color: grid.color
        }
    }
    // qmllint enable unqualified
}
