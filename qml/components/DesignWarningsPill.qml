import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// "2 design warnings": a pill in the viewport's corner when there is no room for the card beside it;
// it opens the same list in a popup (never covering the artwork until asked).
Button {
    id: pill

    property var studio: Studio

    objectName: "warningsPill"
    implicitHeight: 28
    leftPadding: 8
    rightPadding: 10
    focusPolicy: Qt.StrongFocus
    text: pill.studio.current.warnings.length === 1 ? qsTr("1 design warning") : qsTr("%1 design warnings").arg(pill.studio.current.warnings.length)
    Accessible.name: qsTr("Design check: %1").arg(pill.studio.current.warnings.join("; "))
    onClicked: warningsPopup.opened ? warningsPopup.close() : warningsPopup.open()
    contentItem: RowLayout {
        spacing: 6
        TintedIcon { name: "alert"; size: 13; color: Theme.warning }
        Label { text: pill.text; color: Theme.warning; font.pixelSize: Theme.fontSmall; font.weight: Font.Medium }
    }
    background: Rectangle {
        radius: 14
        color: pill.hovered ? Theme.surfaceHigh : Theme.surfaceRaised
        border.width: pill.visualFocus ? 2 : 1
        border.color: pill.visualFocus ? Theme.focus : Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
    }
    Popup {
        id: warningsPopup
        y: pill.height + 6
        padding: 12
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surfaceRaised
            border.width: 1
            border.color: Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
        }
        contentItem: DesignWarningList { studio: pill.studio }
    }
}
