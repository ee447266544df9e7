import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// "‹ 01 / 03 ›": steps through the current icon's variants (waits while the others are loading).
Rectangle {
    id: stepper

    property var studio: Studio

    objectName: "variantStepper"
    visible: stepper.studio.current.valid && stepper.studio.current.variantCount > 1
    width: stepRow.implicitWidth + 8
    height: 32
    radius: 16
    color: Theme.surfaceRaised
    border.width: 1
    border.color: Theme.border

    Row {
        id: stepRow
        anchors.centerIn: parent
        spacing: 2
        IconButton {
            objectName: "previousVariant"
            size: 26
            iconSize: 14
            iconName: "chevron-left"
            toolTipText: qsTr("Previous variant")
            enabled: stepper.studio.current.variantIndex > 0 && !stepper.studio.current.variantsLoading
            onClicked: stepper.studio.previousVariant()
        }
        Label {
            objectName: "variantLabel"
            anchors.verticalCenter: parent.verticalCenter
            width: 64
            horizontalAlignment: Text.AlignHCenter
            text: stepper.studio.current.variantLabel
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSmall + 1
            Accessible.name: qsTr("Variant %1").arg(text)
        }
        IconButton {
            objectName: "nextVariant"
            size: 26
            iconSize: 14
            iconName: "chevron-right"
            toolTipText: qsTr("Next variant")
            enabled: stepper.studio.current.variantIndex < stepper.studio.current.variantCount - 1
                     && !stepper.studio.current.variantsLoading
            onClicked: stepper.studio.nextVariant()
        }
    }
}
