import QtQuick
import QtQuick.Controls.impl
import ParametricIcons

// A line icon from qml/icons drawn in one colour, rendered at the item's size (crisp at any scale).
Item {
    id: root

    property string name
    property int size: Theme.iconSize
    property color color: Theme.textSecondary

    implicitWidth: size
    implicitHeight: size
    width: size
    height: size
    Accessible.ignored: true

    IconImage {
        anchors.fill: parent
        sourceSize.width: root.size
        sourceSize.height: root.size
        source: root.name.length ? Theme.icon(root.name) : ""
        color: root.color
    }
}
