import QtQuick
import ParametricIcons

// A square tile showing an SVG, or a placeholder image icon when there is none.
Rectangle {
    id: thumb

    property string svg
    property string inkMode // "dark" | "light": picks the paper (Theme.canvasFor); empty = neutral
    property int size: 44

    implicitWidth: size
    implicitHeight: size
    radius: Theme.radiusSmall
    color: svg.length > 0 && inkMode.length > 0 ? Theme.canvasFor(inkMode) : Theme.stageBackground
    border.width: 1
    border.color: Theme.border
    Accessible.ignored: true

    SvgItem {
        anchors.fill: parent
        anchors.margins: 4
        svg: thumb.svg
        visible: thumb.svg.length > 0
    }
    TintedIcon {
        anchors.centerIn: parent
        visible: thumb.svg.length === 0
        name: "image"
        size: Math.round(thumb.size * 0.4)
        color: Theme.textMuted
    }
}
