import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Under the stage: what the generator understood of the current prompt ("Understood: chamfer · box ·
// teeth 8 · ignored: teapot"), or, after a prompt it did not understand, suggestions as chips that
// generate the suggested prompt when clicked.
Item {
    id: bar

    property var studio: Studio
    readonly property var interpretation: studio.current.interpretation
    readonly property bool showsSuggestions: studio.suggestions.length > 0
    readonly property bool showsInterpretation: !showsSuggestions && studio.current.valid && !!interpretation
                                                 && !!interpretation.summary
    readonly property alias chips: chipRepeater

    function parametersText(list) {
        if (!list)
            return ""
        return list.map(p => p.label.toLowerCase() + " " + p.value).join(" · ")
    }

    implicitHeight: visible ? Math.max(Theme.controlHeight, content.implicitHeight) : 0
    visible: showsSuggestions || showsInterpretation
    Accessible.role: Accessible.Grouping
    Accessible.name: showsSuggestions ? qsTr("Suggestions") : qsTr("Interpretation")

    RowLayout {
        id: content
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.verticalCenter: parent.verticalCenter
        width: Math.min(implicitWidth, parent.width)
        spacing: Theme.spacingSmall

        // What was understood.
        Label {
            id: understood
            objectName: "interpretationSummary"
            visible: bar.showsInterpretation
            Layout.maximumWidth: bar.width
            elide: Text.ElideRight
            textFormat: Text.PlainText
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            text: {
                if (!bar.showsInterpretation)
                    return ""
                let parts = [qsTr("Understood: %1").arg(bar.interpretation.summary)]
                const parameters = bar.parametersText(bar.interpretation.parameters)
                if (parameters.length > 0)
                    parts.push(parameters)
                const ignored = bar.interpretation.ignoredWords || []
                if (ignored.length > 0)
                    parts.push(qsTr("ignored: %1").arg(ignored.join(", ")))
                return parts.join("  ·  ")
            }
            ToolTip.visible: hover.hovered && (bar.interpretation.notes || []).length > 0
            ToolTip.text: (bar.interpretation.notes || []).join("\n")
            HoverHandler { id: hover }
        }

        // Nothing understood: what to try instead.
        Label {
            objectName: "suggestionsLabel"
            visible: bar.showsSuggestions
            textFormat: Text.PlainText
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            text: qsTr("Nothing to draw for “%1”. Try:").arg(bar.studio.notUnderstoodPrompt)
            Layout.maximumWidth: bar.width * 0.45
            elide: Text.ElideMiddle
        }
        Repeater {
            id: chipRepeater
            model: bar.showsSuggestions ? bar.studio.suggestions : []
            delegate: AbstractButton {
                id: chip
                required property string modelData
                objectName: "suggestionChip"
                text: modelData
                implicitWidth: chipLabel.implicitWidth + 2 * Theme.spacing
                implicitHeight: 26
                enabled: !bar.studio.busy // qmllint disable unqualified
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Generate “%1”").arg(modelData)
                onClicked: bar.studio.useSuggestion(modelData) // qmllint disable unqualified
                background: Rectangle {
                    radius: height / 2
                    color: chip.down ? Theme.pressed : chip.hovered ? Theme.hover : Theme.surfaceRaised
                    border.width: 1
                    border.color: chip.visualFocus ? Theme.focus : Theme.borderStrong
                }
                contentItem: Label {
                    id: chipLabel
                    text: chip.text
                    textFormat: Text.PlainText
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: chip.enabled ? Theme.text : Theme.textDisabled
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }
}
