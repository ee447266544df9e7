import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The request composer: attachments tray, the single-line prompt capsule (Enter submits) and the
// Mode / Output / Output Style selectors.
ColumnLayout {
    id: bar

    property var studio: Studio
    readonly property alias promptField: prompt
    signal addFromLibrary()

    spacing: Theme.spacing

    function focusPrompt() {
        prompt.forceActiveFocus()
    }

    // Attachments (style references).
    RowLayout {
        objectName: "attachmentsTray"
        visible: bar.studio.composer.attachments.length > 0
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacingSmall
        spacing: Theme.spacingSmall
        SectionLabel {
            text: qsTr("Attachments")
            Layout.rightMargin: Theme.spacingTiny
        }
        Repeater {
            model: bar.studio.composer.attachments
            Item {
                id: chip
                required property var modelData
                required property int index
                implicitWidth: 44
                implicitHeight: 44
                Thumbnail {
                    anchors.fill: parent
                    svg: chip.modelData.svg
                    border.color: chipHover.hovered ? Theme.borderStrong : Theme.border
                    HoverHandler { id: chipHover }
                    ToolTip.visible: chipHover.hovered
                    ToolTip.delay: 400
                    ToolTip.text: chip.modelData.name || qsTr("Reference")
                }
                IconButton {
                    id: removeButton
                    objectName: "removeAttachment_" + chip.index
                    x: parent.width - width + 5
                    y: -5
                    size: 20
                    iconSize: 12
                    iconName: "x"
                    toolTipText: qsTr("Remove %1").arg(chip.modelData.name || qsTr("reference"))
                    background: Rectangle {
                        radius: width / 2
                        color: removeButton.hovered ? Theme.danger : Theme.surfaceHigh
                        border.width: 1
                        border.color: Theme.borderStrong
                    }
                    iconColor: hovered ? Theme.textOnAccent : Theme.text
                    onClicked: bar.studio.composer.removeAttachment(chip.index) // qmllint disable unqualified
                }
            }
        }
        Item { Layout.fillWidth: true }
    }

    // Prompt capsule.
    Rectangle {
        id: capsule
        Layout.fillWidth: true
        implicitHeight: Theme.inputBarHeight
        radius: height / 2
        color: Theme.surface
        border.width: prompt.activeFocus ? 1.5 : 1
        border.color: prompt.activeFocus ? Theme.accent : Theme.border
        Behavior on border.color { ColorAnimation { duration: Theme.animationFast } }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 10
            spacing: 6

            IconButton {
                objectName: "addFromLibrary"
                iconName: "plus"
                toolTipText: qsTr("Add from Library")
                size: 36
                onClicked: bar.addFromLibrary()
            }
            TextField {
                id: prompt
                objectName: "promptField"
                Layout.fillWidth: true
                Layout.fillHeight: true
                enabled: !bar.studio.busy
                placeholderText: bar.studio.composer.placeholder
                placeholderTextColor: Theme.placeholder
                color: Theme.text
                selectionColor: Theme.accent
                selectedTextColor: Theme.textOnAccent
                font.pixelSize: Theme.fontInput
                selectByMouse: true
                background: null
                leftPadding: 4
                Accessible.name: qsTr("Prompt")
                Accessible.description: placeholderText
                text: bar.studio.composer.prompt
                onTextEdited: bar.studio.composer.prompt = text
                // Enter submits (the original's only keyboard shortcut); Shift+Enter does nothing special.
                Keys.onReturnPressed: (event) => {
                    if (event.modifiers & Qt.ShiftModifier) { event.accepted = false; return }
                    if (bar.studio.canSubmit) bar.studio.submit()
                }
                Keys.onEnterPressed: (event) => { if (bar.studio.canSubmit) bar.studio.submit() }
            }
            Button {
                id: submit
                objectName: "submitButton"
                implicitWidth: 36
                implicitHeight: 36
                enabled: bar.studio.canSubmit
                focusPolicy: Qt.StrongFocus
                display: AbstractButton.IconOnly
                text: qsTr("Generate")
                icon.source: Theme.icon("arrow-up")
                icon.width: 18
                icon.height: 18
                icon.color: enabled ? Theme.textOnAccent : Theme.textDisabled
                Accessible.name: text
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: bar.studio.busy ? qsTr("Generating…") : qsTr("Generate (Enter)")
                onClicked: bar.studio.submit()
                background: Rectangle {
                    radius: Theme.radius
                    color: !submit.enabled ? Theme.surfaceHigh
                           : submit.down ? Theme.accentPressed : (submit.hovered ? Theme.accentHover : Theme.accent)
                    border.width: submit.visualFocus ? 2 : 0
                    border.color: Theme.focus
                }
            }
        }
    }

    // Context row.
    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 10
        Layout.rightMargin: 10
        spacing: 4
        Selector {
            objectName: "modeSelector"
            label: qsTr("Mode")
            value: bar.studio.composer.mode
            options: [{ value: "create", text: qsTr("Create"), icon: "sparkles" },
                      { value: "refine", text: qsTr("Refine"), icon: "pencil" }]
            onActivated: (v) => bar.studio.composer.mode = v
        }
        Rectangle { width: 1; height: 16; color: Theme.border }
        Selector {
            objectName: "outputSelector"
            label: qsTr("Output")
            value: String(bar.studio.composer.variantsRequested)
            // Single, or a batch of 2 … as many variants as the server accepts per request.
            options: {
                const list = [{ value: "1", text: qsTr("Single"), icon: "box" }]
                for (let n = 2; n <= bar.studio.composer.maxVariants; ++n)
                    list.push({ value: String(n), text: qsTr("Batch of %1").arg(n), icon: "layers" })
                return list
            }
            onActivated: (v) => bar.studio.composer.variantsRequested = parseInt(v)
        }
        Item { Layout.fillWidth: true }
        Selector {
            objectName: "styleSelector"
            label: qsTr("Ink for")
            value: bar.studio.composer.colorMode
            options: Theme.inkOptions
            // The current icon follows the choice (Studio.restyleCurrent), not only the next one.
            onActivated: (v) => { bar.studio.composer.colorMode = v; bar.studio.restyleCurrent() }
        }
    }
}
