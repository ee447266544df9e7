import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import ParametricIcons

// "Upload SVG": drop a file or browse, validate and sanitise it, preview, then "Add to Library"
// (POST /api/icons/import). States: idle → validating → preview | error.
ThemedDialog {
    id: dialog

    property var library: Studio.library
    property string state: "idle"
    property string fileName
    property string name
    property string svg
    property string errorText

    title: qsTr("Upload SVG")
    width: Math.min(460, parent ? parent.width - 48 : 460)

    function reset() {
        state = "idle"; fileName = ""; name = ""; svg = ""; errorText = ""
    }
    function load(url) {
        state = "validating"
        fileName = decodeURIComponent(url.toString().split("/").pop())
        // Let the "Validating SVG..." state paint before the synchronous validation.
        Qt.callLater(() => accept_(dialog.library.validateFile(url)))
    }
    function accept_(result) {
        if (result.ok) {
            name = result.name; svg = result.svg; errorText = ""; state = "preview"
        } else {
            svg = ""; errorText = result.error; state = "error"
        }
    }
    function confirm() {
        if (state === "preview" && !library.importing)
            library.importSvg(nameField.text.trim().length ? nameField.text.trim() : name, svg)
    }

    onOpened: reset()

    Connections {
        target: dialog.library
        function onImported() { if (dialog.visible) dialog.close() }
        function onImportFailed(message) {
            if (dialog.visible) { dialog.errorText = message; dialog.state = "error" }
        }
    }

    FileDialog {
        id: browse
        title: qsTr("Choose an SVG file")
        nameFilters: [qsTr("SVG files (*.svg)")]
        fileMode: FileDialog.OpenFile
        onAccepted: dialog.load(selectedFile)
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing

        // Drop zone / preview.
        Rectangle {
            id: zone
            objectName: "dropZone"
            Layout.fillWidth: true
            Layout.preferredHeight: 220
            radius: Theme.radius
            color: drop.containsDrag ? Theme.accentSoft : Theme.background
            border.width: drop.containsDrag ? 2 : 1
            border.color: drop.containsDrag ? Theme.accent : (dialog.state === "error" ? Theme.danger : Theme.borderStrong)
            Accessible.role: Accessible.Grouping
            Accessible.name: qsTr("Drop SVG file here or browse")

            DropArea {
                id: drop
                anchors.fill: parent
                keys: ["text/uri-list"]
                onDropped: (event) => {
                    if (event.hasUrls && event.urls.length > 0) {
                        dialog.load(event.urls[0])
                        event.acceptProposedAction()
                    }
                }
            }

            // idle
            ColumnLayout {
                anchors.centerIn: parent
                visible: dialog.state === "idle"
                spacing: Theme.spacingSmall
                TintedIcon { Layout.alignment: Qt.AlignHCenter; name: "upload"; size: 28; color: Theme.textMuted }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Drop SVG file here or")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                }
                ThemedButton {
                    objectName: "browseButton"
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Browse…")
                    iconName: "folder"
                    onClicked: browse.open()
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("SVG up to %1 KiB").arg(Math.round(dialog.library.maxImportBytes / 1024))
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
            // validating
            Column {
                anchors.centerIn: parent
                visible: dialog.state === "validating"
                spacing: Theme.spacingSmall
                Spinner { anchors.horizontalCenter: parent.horizontalCenter; size: 28 }
                Label { text: qsTr("Validating SVG..."); color: Theme.textSecondary; font.pixelSize: Theme.fontBody }
            }
            // preview
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacing
                visible: dialog.state === "preview"
                spacing: Theme.spacingSmall
                SvgItem {
                    objectName: "uploadPreview"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    svg: dialog.svg
                }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: dialog.fileName
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        elide: Text.ElideMiddle
                    }
                    ThemedButton { tone: "ghost"; implicitHeight: 28; text: qsTr("Clear"); onClicked: dialog.reset() }
                }
            }
            // error
            ColumnLayout {
                anchors.centerIn: parent
                width: parent.width - 32
                visible: dialog.state === "error"
                spacing: Theme.spacingSmall
                TintedIcon { Layout.alignment: Qt.AlignHCenter; name: "alert"; size: 26; color: Theme.danger }
                Label {
                    objectName: "uploadError"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: dialog.errorText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                ThemedButton {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Try Again")
                    onClicked: dialog.reset()
                }
            }
        }

        ThemedTextField {
            id: nameField
            objectName: "uploadName"
            visible: dialog.state === "preview"
            Layout.fillWidth: true
            text: dialog.name
            placeholderText: qsTr("Name")
            Accessible.name: qsTr("Name in the library")
            onAccepted: dialog.confirm()
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingSmall
            spacing: Theme.spacingSmall
            Item { Layout.fillWidth: true }
            ThemedButton { tone: "ghost"; text: qsTr("Cancel"); onClicked: dialog.reject() }
            ThemedButton {
                objectName: "addToLibrary"
                tone: "primary"
                text: dialog.library.importing ? qsTr("Adding…") : qsTr("Add to Library")
                enabled: dialog.state === "preview" && !dialog.library.importing
                onClicked: dialog.confirm()
            }
        }
    }
}
