import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Controls.impl
import ParametricIcons

// Text button in one of four tones: "primary" (accent fill), "secondary" (outlined surface),
// "ghost" (text only) and "danger".
Button {
    id: control

    property string tone: "secondary"
    property string iconName
    readonly property bool primary: tone === "primary"
    readonly property bool danger: tone === "danger"

    implicitHeight: Theme.controlHeight
    leftPadding: iconName.length ? 12 : 16
    rightPadding: 16
    spacing: 8
    font.pixelSize: Theme.fontBody
    font.weight: Font.Medium
    focusPolicy: Qt.StrongFocus
    // Enter activates the focused button, as on every desktop (the Basic style only knows Space).
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    icon.source: iconName.length ? Theme.icon(iconName) : ""
    icon.width: 16
    icon.height: 16
    icon.color: contentItemColor

    readonly property color contentItemColor: !enabled ? Theme.textDisabled
        : primary ? Theme.textOnAccent
        : danger ? Theme.danger
        : Theme.text

    Accessible.name: text

    contentItem: IconLabel {
        spacing: control.spacing
        display: control.iconName.length ? AbstractButton.TextBesideIcon : AbstractButton.TextOnly
        icon: control.icon
        text: control.text
        font: control.font
        color: control.contentItemColor
    }

    background: Rectangle {
        implicitWidth: 88
        radius: Theme.radius
        color: {
            if (!control.enabled)
                return control.primary ? Theme.surfaceHigh : "transparent"
            if (control.primary)
                return control.down ? Theme.accentPressed : (control.hovered ? Theme.accentHover : Theme.accent)
            if (control.danger)
                return control.down ? Theme.dangerSoft : (control.hovered ? Theme.dangerSoft : "transparent")
            if (control.tone === "ghost")
                return control.down ? Theme.pressed : (control.hovered ? Theme.hover : "transparent")
            return control.down ? Theme.pressed : (control.hovered ? Theme.hover : Theme.surface)
        }
        border.width: control.visualFocus ? 2 : (control.tone === "secondary" || control.danger ? 1 : 0)
        border.color: control.visualFocus ? Theme.focus : (control.danger ? Theme.danger : Theme.border)
        Behavior on color { ColorAnimation { duration: Theme.animationFast } }
    }
}
