import QtQuick
import ParametricIcons

// The product mark: an accent tile with a construction glyph.
Rectangle {
    property int size: 56

    implicitWidth: size
    implicitHeight: size
    radius: size * 0.26
    color: Theme.accent
    Accessible.ignored: true

    TintedIcon {
        anchors.centerIn: parent
        name: "box"
        size: parent.size * 0.52
        color: Theme.textOnAccent
    }
}
