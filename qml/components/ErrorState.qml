import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// A failure with its message and a Retry button.
ColumnLayout {
    id: errorState

    property string title: qsTr("Something went wrong")
    property string message
    property string retryText: qsTr("Retry")
    signal retry()

    spacing: Theme.spacingSmall

    TintedIcon {
        Layout.alignment: Qt.AlignHCenter
        name: "alert"
        size: 28
        color: Theme.danger
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        text: errorState.title
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.weight: Font.Medium
    }
    Label {
        visible: text.length > 0
        Layout.fillWidth: true
        text: errorState.message
        color: Theme.textSecondary
        font.pixelSize: Theme.fontSmall
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }
    ThemedButton {
        objectName: "retryButton"
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: Theme.spacingTiny
        text: errorState.retryText
        iconName: "refresh"
        onClicked: errorState.retry()
    }
}
