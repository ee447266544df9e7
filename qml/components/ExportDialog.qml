import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import ParametricIcons

// "Export Icon": SVG, PNG at a chosen size, ZIP of all variants, ICO and ICNS app icons, or copy to the
// clipboard. File names follow the original (sanitised prompt, `_variant_<n>` for batches).
ThemedDialog {
    id: dialog

    property var studio: Studio
    property var exporter: Exporter
    property string format: "svg"
    property int pngSize: 512
    property string message
    property bool messageIsError: false

    // The table of formats (names, details, extensions, sizes) is C++'s, shared with anything that exports.
    property var formats: ExportFormats
    readonly property string extension: formats.extension(format)

    title: qsTr("Export Icon")
    width: Math.min(480, parent ? parent.width - 48 : 480)

    onOpened: { message = ""; messageIsError = false }

    function suggestedFile() {
        if (formats.exportsAllVariants(format))
            return exporter.suggestedFile(studio.current.prompt, 0, 1, extension)
        return exporter.suggestedFile(studio.current.prompt, studio.current.variantIndex, studio.current.variantCount, extension)
    }

    // Writes the selected format to `file` (a file URL); used by the save dialog and by tests.
    function exportTo(file) {
        const svg = studio.current.svg
        let ok = false
        switch (format) {
        case "svg": ok = exporter.saveSvg(svg, file); break
        case "png": ok = exporter.savePng(svg, pngSize, file); break
        case "zip":
            if (studio.current.variantsLoading) {
                messageIsError = true
                message = qsTr("The other variants are still loading; try again in a moment.")
                return false
            }
            ok = exporter.saveZip(studio.current.variantSvgs, studio.current.prompt, file)
            break
        case "ico": ok = exporter.saveIco(svg, file); break
        case "icns": ok = exporter.saveIcns(svg, file); break
        }
        messageIsError = !ok
        message = ok ? qsTr("Saved %1 to %2").arg(decodeURIComponent(file.toString().split("/").pop()))
                                                .arg(exporter.displayPath(file.toString().substring(0, file.toString().lastIndexOf("/"))))
                     : exporter.lastError
        return ok
    }

    // The platform's own save dialog where there is one (it asks before replacing), else ours.
    readonly property alias saveDialog: ownSaveDialog
    FileDialog {
        id: nativeSaveDialog
        title: qsTr("Export as %1").arg(dialog.extension.toUpperCase())
        fileMode: FileDialog.SaveFile
        defaultSuffix: dialog.extension
        nameFilters: [dialog.extension.toUpperCase() + " (*." + dialog.extension + ")"]
        onAccepted: {
            dialog.exporter.rememberFolder(selectedFile)
            dialog.exportTo(selectedFile)
        }
    }
    SaveDialog {
        id: ownSaveDialog
        objectName: "saveDialog"
        exporter: dialog.exporter
        // The Export dialog stays open with "Saved … to …" so another format can follow.
        onSaveRequested: (file) => dialog.exportTo(file)
    }
    function chooseFile() {
        const suggested = dialog.suggestedFile().toString()
        const name = decodeURIComponent(suggested.split("/").pop())
        if (dialog.exporter.nativeSaveDialog) {
            nativeSaveDialog.currentFolder = dialog.exporter.startFolder
            nativeSaveDialog.selectedFile = dialog.exporter.startFolder + "/" + encodeURIComponent(name)
            nativeSaveDialog.open()
        } else {
            ownSaveDialog.openIn(dialog.exporter.startFolder, name, dialog.extension)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingSmall

        Label {
            text: qsTr("Select export format:")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
        }

        ButtonGroup { id: formatGroup }
        Repeater {
            model: dialog.formats
            AbstractButton {
                id: option
                required property string format
                required property string label
                required property string detail
                required property bool allVariants
                objectName: "format_" + format
                Layout.fillWidth: true
                implicitHeight: 48
                checkable: true
                checked: dialog.format === option.format // qmllint disable unqualified
                ButtonGroup.group: formatGroup // qmllint disable unqualified
                focusPolicy: Qt.StrongFocus
                hoverEnabled: true
                Accessible.role: Accessible.RadioButton
                Accessible.name: option.label
                Accessible.checked: checked
                enabled: !option.allVariants || dialog.studio.current.variantCount > 0 // qmllint disable unqualified
                onClicked: dialog.format = option.format // qmllint disable unqualified
                background: Rectangle {
                    radius: Theme.radius
                    color: option.checked ? Theme.accentSoft : (option.hovered ? Theme.hover : "transparent")
                    border.width: option.visualFocus ? 2 : 1
                    border.color: option.visualFocus ? Theme.focus : (option.checked ? Theme.accent : Theme.border)
                }
                contentItem: RowLayout {
                    spacing: 10
                    Rectangle {
                        Layout.leftMargin: 4
                        width: 16
                        height: 16
                        radius: 8
                        color: "transparent"
                        border.width: option.checked ? 5 : 1.5
                        border.color: option.checked ? Theme.accent : Theme.borderStrong
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 1
                        Label {
                            text: option.label
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.Medium
                        }
                        Label {
                            Layout.fillWidth: true
                            text: option.allVariants
                                  ? (dialog.studio.current.variantCount === 1 ? qsTr("1 variant as SVG") : qsTr("%1 variants as SVG").arg(dialog.studio.current.variantCount)) // qmllint disable unqualified
                                  : option.detail
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }

        // Always laid out (only enabled for PNG), so the dialog keeps its size when the format changes.
        RowLayout {
            enabled: dialog.format === "png"
            opacity: enabled ? 1 : 0.35
            Layout.fillWidth: true
            Layout.topMargin: 4
            Layout.leftMargin: 30
            spacing: Theme.spacingSmall
            Label { text: qsTr("PNG size"); color: Theme.textSecondary; font.pixelSize: Theme.fontBody }
            ComboBox {
                id: sizeBox
                objectName: "pngSize"
                model: dialog.formats.pngSizes
                displayText: currentValue + " × " + currentValue + " px"
                currentIndex: Math.max(0, dialog.formats.pngSizes.indexOf(dialog.pngSize))
                onActivated: dialog.pngSize = currentValue
                Accessible.name: qsTr("PNG size")
                implicitHeight: Theme.controlHeight
                implicitWidth: 170
                font.pixelSize: Theme.fontBody
                palette.button: Theme.surface
                palette.buttonText: Theme.text
                palette.text: Theme.text
                palette.window: Theme.surfaceRaised
                palette.base: Theme.surfaceRaised
                palette.highlight: Theme.accent
                palette.highlightedText: Theme.textOnAccent
                palette.light: Theme.surfaceHigh
                palette.mid: Theme.border
                palette.dark: Theme.textSecondary
            }
            Item { Layout.fillWidth: true }
        }

        Label {
            objectName: "exportMessage"
            visible: dialog.message.length > 0
            Layout.fillWidth: true
            text: dialog.message
            color: dialog.messageIsError ? Theme.danger : Theme.success
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            spacing: Theme.spacingSmall
            ThemedButton {
                objectName: "copyPng"
                tone: "ghost"
                iconName: "copy"
                text: qsTr("Copy PNG")
                onClicked: {
                    dialog.exporter.copyPng(dialog.studio.current.svg, dialog.format === "png" ? dialog.pngSize : 512)
                    dialog.messageIsError = false
                    dialog.message = qsTr("PNG copied to the clipboard")
                }
            }
            ThemedButton {
                objectName: "copySvg"
                tone: "ghost"
                text: qsTr("Copy SVG")
                onClicked: {
                    dialog.exporter.copySvg(dialog.studio.current.svg)
                    dialog.messageIsError = false
                    dialog.message = qsTr("SVG copied to the clipboard")
                }
            }
            Item { Layout.fillWidth: true }
            ThemedButton {
                objectName: "exportConfirm"
                tone: "primary"
                iconName: "export"
                text: qsTr("Export…")
                enabled: dialog.studio.current.valid
                onClicked: dialog.chooseFile()
            }
        }
    }
}
