import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Popup menu in the theme's raised surface.
Menu {
    id: menu

    padding: 4

    delegate: ThemedMenuItem { }

    background: Rectangle {
        implicitWidth: 180
        color: Theme.surfaceRaised
        radius: Theme.radius
        border.width: 1
        border.color: Theme.borderStrong
    }
}
