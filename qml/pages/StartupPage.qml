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
        ProgressBar {
            id: bar
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingSmall
            from: 0
            to: 1
            value: Math.max(0, page.backend.progress)
            indeterminate: page.backend.progress < 0
            Accessible.name: qsTr("Startup progress")
            background: Rectangle {
                implicitHeight: 4
                radius: 2
                color: Theme.surfaceHigh
            }
            contentItem: Item {
                implicitHeight: 4
                clip: true
                Rectangle {
                    visible: !bar.indeterminate
                    width: bar.visualPosition * parent.width
                    height: parent.height
                    radius: 2
                    color: Theme.accent
                    Behavior on width { NumberAnimation { duration: Theme.animation } }
                }
                Rectangle {
                    id: sweep
                    visible: bar.indeterminate
                    width: parent.width * 0.3
                    height: parent.height
                    radius: 2
                    color: Theme.accent
                    XAnimator on x {
                        running: bar.indeterminate && page.visible
                        from: -sweep.width
                        to: bar.width
                        duration: 1200
                        loops: Animation.Infinite
                    }
                }
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
