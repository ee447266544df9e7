import QtQuick
import QtQuick.Layouts
import ParametricIcons

// A titled group of settings on a raised surface.
Rectangle {
    id: card

    property string title
    default property alias content: body.data

    Layout.fillWidth: true
    implicitHeight: body.implicitHeight + 2 * Theme.spacingLarge - 4
    radius: Theme.radiusLarge
    color: Theme.surface
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: title

    ColumnLayout {
        id: body
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge - 2
        spacing: Theme.spacing
        SectionLabel { text: card.title }
    }
}
