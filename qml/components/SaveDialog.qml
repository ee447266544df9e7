import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Templates as T
import Qt.labs.folderlistmodel
import ParametricIcons

// The app's own save dialog, used where the platform has none (Exporter.nativeSaveDialog): opens in a
// folder that exists (the last one used, else Pictures/Documents/home), shows the folder in readable
// text and lets you type it, one click enters a folder or takes a file's name, a typed absolute path
// is honoured, and an existing file is only replaced after "Replace".
ThemedDialog {
    id: dialog

    property var exporter: Exporter
    property url folder: exporter.startFolder
    property string fileName
    property string extension: "svg"
    property string error
    property var pending: null // a resolved target that exists: waiting for Replace
    signal saveRequested(url file)

    // Its own layer: the dialog that opened it may close as soon as the file is written.
    parent: T.Overlay.overlay
    title: qsTr("Save as %1").arg(extension.toUpperCase())
    width: Math.min(560, parent ? parent.width - 48 : 560)
    height: Math.min(520, parent ? parent.height - 48 : 520)

    function openIn(folderUrl, name, ext) {
        extension = ext
        folder = folderUrl
        fileName = name
        error = ""
        pending = null
        open()
    }
    function openFolder(folderUrl) {
        folder = folderUrl
        pending = null
        error = ""
    }
    function save() {
        const target = exporter.resolveSaveTarget(String(folder), nameField.text, extension)
        if (!target.ok) {
            if (target.folder)
                openFolder(target.folder)
            error = target.error
            return
        }
        if (target.exists && !(pending && pending.path === target.path)) {
            pending = target // ask first; a second Save of the same target is the answer
            error = ""
            return
        }
        pending = null
        exporter.rememberFolder(target.url)
        close()
        saveRequested(target.url)
    }

    onOpened: { nameField.text = fileName; nameField.forceActiveFocus(); nameField.selectAll() }

    FolderListModel {
        id: files
        folder: dialog.folder
        showDirsFirst: true
        showDotAndDotDot: false
        showHidden: false
        nameFilters: ["*." + dialog.extension]
        sortCaseSensitive: false
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingSmall

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall
            IconButton {
                objectName: "saveUp"
                iconName: "chevron-left"
                toolTipText: qsTr("Parent folder")
                enabled: String(files.parentFolder).length > 0
                onClicked: dialog.openFolder(files.parentFolder)
            }
            ThemedTextField {
                id: folderField
                objectName: "saveFolder"
                Layout.fillWidth: true
                Accessible.name: qsTr("Folder")
                text: dialog.exporter.displayPath(String(dialog.folder))
                // Typing a folder and Enter goes there.
                onAccepted: {
                    const t = dialog.exporter.resolveSaveTarget("", text, "")
                    if (t.folder && !t.ok)
                        dialog.openFolder(t.folder)
                    else
                        dialog.error = qsTr("%1 is not a folder.").arg(text)
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            radius: Theme.radius
            color: Theme.surface
            border.width: 1
            border.color: Theme.border
            ListView {
                id: list
                objectName: "saveList"
                anchors.fill: parent
                anchors.margins: 4
                clip: true
                model: files
                ScrollBar.vertical: ScrollBar { }
                delegate: ItemDelegate {
                    id: entry
                    required property string fileName
                    required property url fileUrl
                    required property bool fileIsDir
                    objectName: "saveEntry_" + fileName
                    width: ListView.view.width
                    height: 30
                    highlighted: !fileIsDir && fileName === nameField.text // qmllint disable unqualified
                    contentItem: RowLayout {
                        spacing: 8
                        TintedIcon { name: entry.fileIsDir ? "folder" : "image"; size: 15; color: Theme.textSecondary }
                        Label {
                            Layout.fillWidth: true
                            text: entry.fileName
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            elide: Text.ElideMiddle
                        }
                    }
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: entry.highlighted ? Theme.accentSoft : (entry.hovered ? Theme.hover : "transparent")
                    }
                    // One click: a folder opens, a file lends its name (replacing it still asks).
                    onClicked: {
                        if (fileIsDir)
                            dialog.openFolder(fileUrl) // qmllint disable unqualified
                        else {
                            nameField.text = fileName
                            dialog.pending = null
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: list.count === 0
                    text: qsTr("No folders or .%1 files here").arg(dialog.extension)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall
            Label { text: qsTr("Name"); color: Theme.textSecondary; font.pixelSize: Theme.fontBody }
            ThemedTextField {
                id: nameField
                objectName: "saveName"
                Layout.fillWidth: true
                Accessible.name: qsTr("File name")
                onTextEdited: { dialog.pending = null; dialog.error = "" }
                onAccepted: dialog.save()
            }
        }

        Label {
            objectName: "saveMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: dialog.pending ? qsTr("%1 already exists in %2. Replace it?")
                                   .arg(dialog.pending.fileName).arg(dialog.exporter.displayPath(dialog.pending.folder.toString()))
                                 : dialog.error
            color: dialog.pending ? Theme.warning : Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall
            Item { Layout.fillWidth: true }
            ThemedButton {
                objectName: "saveCancel"
                tone: "ghost"
                text: dialog.pending ? qsTr("Keep the old file") : qsTr("Cancel")
                onClicked: dialog.pending ? (dialog.pending = null) : dialog.reject()
            }
            ThemedButton {
                objectName: "saveAccept"
                tone: dialog.pending ? "danger" : "primary"
                text: dialog.pending ? qsTr("Replace") : qsTr("Save")
                enabled: nameField.text.trim().length > 0
                onClicked: dialog.save()
            }
        }
    }
}
