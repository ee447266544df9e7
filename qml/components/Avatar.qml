import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Round avatar with the account's initials (or a user glyph).
Rectangle {
    property string initials
    property int size: 36

    implicitWidth: size
    implicitHeight: size
    radius: size / 2
    color: Theme.accentSoft
    border.width: 1
    border.color: Theme.accent
    Accessible.ignored: true

    Label {
        anchors.centerIn: parent
        visible: parent.initials.length > 0
        text: parent.initials
        color: Theme.text
        font.pixelSize: Math.round(parent.size * 0.36)
        font.weight: Font.DemiBold
    }
    TintedIcon {
        anchors.centerIn: parent
        visible: parent.initials.length === 0
        name: "user"
        size: Math.round(parent.size * 0.5)
        color: Theme.text
    }
}
