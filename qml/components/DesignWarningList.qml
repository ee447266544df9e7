import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The design-check warnings of the current variant: a heading and one line per warning (shown in the
// card beside the viewport and in the pill's popup).
ColumnLayout {
    id: list

    property var studio: Studio

    spacing: 6
    RowLayout {
        spacing: 6
        TintedIcon { name: "alert"; size: 14; color: Theme.warning }
        Label {
            text: qsTr("Design check — variant %1").arg(list.studio.current.variantIndex + 1)
            color: Theme.warning
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
        }
    }
    Repeater {
        model: list.studio.current.warnings
        Label {
            required property string modelData
            Layout.fillWidth: true
            Layout.maximumWidth: 260
            text: "• " + modelData
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
