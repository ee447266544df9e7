import QtQuick
import ParametricIcons

// The design-check warnings as a card beside the viewport (when there is room for it).
Rectangle {
    id: card

    property var studio: Studio

    objectName: "warningsPanel"
    width: 220
    height: list.implicitHeight + 20
    radius: Theme.radius
    color: Theme.warningSoft
    border.width: 1
    border.color: Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.5)
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Design check: %1").arg(card.studio.current.warnings.join("; "))

    DesignWarningList {
        id: list
        x: 10
        y: 10
        width: parent.width - 20
        studio: card.studio
    }
}
