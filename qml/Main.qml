// Placeholder from app-core so the module has an entry point; app-ui replaces it.
import QtQuick
import QtQuick.Controls
import ParametricIcons

ApplicationWindow {
    width: 1280
    height: 800
    visible: true
    title: "Parametric Icons"
    Label {
        anchors.centerIn: parent
        text: Backend.statusText
    }
}
