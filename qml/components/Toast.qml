import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Short feedback placed by its owner ("Copied SVG", errors); auto-dismisses after 5 s.
Rectangle {
    id: toast

    property string text
    property bool error: false
    property real maximumWidth: parent ? parent.width - 48 : 600

    function show(message, isError) {
        text = message
        error = !!isError
        opacity = 1
        timer.restart()
    }

    visible: opacity > 0
    opacity: 0
    Behavior on opacity { NumberAnimation { duration: Theme.animation; easing.type: Easing.OutCubic } }
    width: Math.min(row.implicitWidth + 24, maximumWidth)
    height: row.implicitHeight + 16
    radius: Theme.radius
    color: Theme.surfaceHigh
    border.width: 1
    border.color: error ? Theme.danger : Theme.borderStrong
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Timer { id: timer; interval: Theme.feedbackTimeout; onTriggered: toast.opacity = 0 }

    RowLayout {
        id: row
        anchors.centerIn: parent
        width: parent.width - 24
        spacing: 8
        TintedIcon { name: toast.error ? "alert" : "check"; size: 15; color: toast.error ? Theme.danger : Theme.success }
        Label {
            Layout.fillWidth: true
            Layout.maximumWidth: Math.max(100, toast.maximumWidth - 70)
            text: toast.text
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
        IconButton { iconName: "x"; size: 22; iconSize: 12; toolTipText: qsTr("Dismiss"); onClicked: toast.opacity = 0 }
    }
}
