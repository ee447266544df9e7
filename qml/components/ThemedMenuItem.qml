import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Controls.impl
import ParametricIcons

// Menu entry: optional tinted icon, text, a check mark when checked.
MenuItem {
    id: item

    property string iconName

    implicitHeight: 32
    leftPadding: 10
    rightPadding: 10
    font.pixelSize: Theme.fontBody
    icon.source: iconName.length ? Theme.icon(iconName) : ""
    icon.width: 16
    icon.height: 16
    icon.color: highlighted ? Theme.text : Theme.textSecondary
    Accessible.name: text

    contentItem: IconLabel {
        leftPadding: 0
        rightPadding: item.checkable ? 20 : 0
        spacing: 8
        display: item.iconName.length ? AbstractButton.TextBesideIcon : AbstractButton.TextOnly
        alignment: Qt.AlignLeft
        icon: item.icon
        text: item.text
        font: item.font
        color: item.enabled ? Theme.text : Theme.textDisabled
    }
    indicator: TintedIcon {
        visible: item.checked
        x: item.width - width - 10
        y: (item.height - height) / 2
        name: "check"
        size: 14
        color: Theme.toggled
    }
    arrow: null
    background: Rectangle {
        implicitWidth: 180
        radius: Theme.radiusSmall
        color: item.highlighted ? Theme.hover : "transparent"
    }
}
