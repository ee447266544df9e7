import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Shown while the backend starts: in integrated mode the first start creates the private database,
// which takes a few seconds, so the steps and a progress bar are visible.
Rectangle {
    id: page

    property var backend: Backend

    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Starting")

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(420, parent.width - 48)
        spacing: Theme.spacing

        AppMark {
            Layout.alignment: Qt.AlignHCenter
            Layout.bottomMargin: Theme.spacing
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Parametric Icons")
            color: Theme.text
            font.pixelSize: Theme.fontTitle + 4
            font.weight: Font.DemiBold
        }
        Label {
            objectName: "startupStatus"
            Layout.alignment: Qt.AlignHCenter
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: page.backend.statusText.length ? page.backend.statusText : qsTr("Starting…")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        // Determinate steps plus a seconds counter, no endless animation: on a software-rendered X
        // display the render thread's animator behind the old sweeping bar never advanced (the page
        // looked frozen) while it re-rendered the whole window continuously, competing with initdb
        // for the CPU. A one-second tick is visibly alive and costs one frame per second.
        ProgressBar {
            id: bar
            objectName: "startupProgress"
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingSmall
            from: 0
            to: 1
            value: page.backend.progress < 0 ? 0.1 : page.backend.progress
            Accessible.name: qsTr("Startup progress")
            background: Rectangle {
                implicitHeight: 4
                radius: 2
                color: Theme.surfaceHigh
            }
            contentItem: Item {
                implicitHeight: 4
                Rectangle {
                    width: bar.visualPosition * parent.width
                    height: parent.height
                    radius: 2
                    color: Theme.accent
                }
            }
        }
        Label {
            objectName: "startupElapsed"
            Layout.alignment: Qt.AlignHCenter
            visible: seconds >= 3
            property int seconds: 0
            text: qsTr("%1 s").arg(seconds)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            font.family: Theme.monoFamily
            Timer {
                interval: 1000
                repeat: true
                running: page.visible
                onTriggered: parent.seconds += 1
            }
        }
        Label {
            visible: page.backend.mode === Backend.Integrated
            Layout.alignment: Qt.AlignHCenter
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Integrated mode — your icons are stored on this computer.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
