import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Centred placeholder for an empty list or view.
ColumnLayout {
    id: empty

    property string iconName: "image"
    property string title
    property string detail

    spacing: Theme.spacingSmall
    Accessible.role: Accessible.StaticText
    Accessible.name: detail.length ? title + ". " + detail : title

    TintedIcon {
        Layout.alignment: Qt.AlignHCenter
        name: empty.iconName
        size: 28
        color: Theme.textMuted
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: empty.width
        text: empty.title
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        font.weight: Font.Medium
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }
    Label {
        visible: text.length > 0
        Layout.alignment: Qt.AlignHCenter
        Layout.fillWidth: true
        text: empty.detail
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }
}
