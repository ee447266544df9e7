import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The generator workspace: sidebar | (title, command bar, stage).
Item {
    id: page

    property var studio: Studio
    property var exporter: Exporter
    readonly property alias sidebar: sidebar
    readonly property alias commandBar: commandBar
    readonly property alias stage: stage
    readonly property alias interpretationBar: interpretationBar
    readonly property alias exportDialog: exportDialog
    readonly property alias uploadDialog: uploadDialog
    signal openSettings()
    // Named for what it carries, not "toast": a handler in Main.qml that calls the window's toast
    // would otherwise resolve `toast` to this signal and lose every message.
    signal message(string text, bool error)
    // Where messages may appear without covering the command bar, the stage or its toolbar: the
    // title block (in this page's coordinates).
    readonly property rect messageArea: Qt.rect(workspace.x + column.x, column.y + titleBlock.y,
                                                column.width, titleBlock.height)

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Studio")

    function download() {
        if (!studio.current.valid)
            return
        // Into Downloads (created if missing) under a free name; the toast says where it went.
        const file = exporter.download(studio.current.svg, studio.current.prompt, studio.current.variantIndex, studio.current.variantCount)
        if (file.toString().length === 0)
            page.message(exporter.lastError, true)
    }
    function refine() {
        studio.refineCurrent()
        commandBar.focusPrompt()
    }

    Sidebar {
        id: sidebar
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        onOpenSettings: page.openSettings()

        HistoryPanel { studio: page.studio }
        InspectorPanel { studio: page.studio; exporter: page.exporter }
        LibraryPanel { studio: page.studio; onUploadRequested: uploadDialog.open() }
        SetsPanel { studio: page.studio; exporter: page.exporter; onMessage: (text, isError) => page.message(text, isError) }
        SessionPanel { studio: page.studio }
    }

    Rectangle {
        id: workspace
        anchors.left: sidebar.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        color: Theme.background

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.topMargin: Math.min(Theme.spacingHuge, workspace.height * 0.04)
            anchors.bottomMargin: Theme.spacingLarge
            anchors.leftMargin: Theme.spacingHuge
            anchors.rightMargin: Theme.spacingHuge
            spacing: Theme.spacingLarge

            ColumnLayout {
                id: titleBlock
                Layout.alignment: Qt.AlignHCenter
                spacing: 6
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: "Parametric Arsenal"
                    color: Theme.text
                    font.pixelSize: Theme.fontHeadline
                    font.weight: Font.Medium
                    font.letterSpacing: -0.6
                    Accessible.role: Accessible.Heading
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("ICON GENERATOR")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                    font.letterSpacing: 3.2
                }
            }

            CommandBar {
                id: commandBar
                Layout.alignment: Qt.AlignHCenter
                Layout.fillWidth: true
                Layout.maximumWidth: 1000
                studio: page.studio
                onAddFromLibrary: sidebar.showTab("library")
            }

            Stage {
                id: stage
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 220
                studio: page.studio
                exporter: page.exporter
                onExportRequested: exportDialog.open()
                onDownloadRequested: page.download()
                onRefineRequested: page.refine()
            }

            InterpretationBar {
                id: interpretationBar
                Layout.fillWidth: true
                studio: page.studio
            }
        }
    }

    ExportDialog { id: exportDialog; studio: page.studio; exporter: page.exporter }
    UploadDialog { id: uploadDialog; library: page.studio.library }

    // Keyboard: zoom like every viewer, plus quick access to the panels and actions.
    // (StandardKey is QKeySequence's enum, which 6.4's tooling does not know in QML.)
    Shortcut { sequences: [StandardKey.ZoomIn, "Ctrl+="]; onActivated: page.studio.view.zoomIn() } // qmllint disable unqualified
    Shortcut { sequences: [StandardKey.ZoomOut, "Ctrl+-"]; onActivated: page.studio.view.zoomOut() } // qmllint disable unqualified
    Shortcut { sequence: "Ctrl+0"; onActivated: page.studio.view.resetZoom() }
    Shortcut { sequence: "Ctrl+L"; onActivated: commandBar.focusPrompt() }
    Shortcut { sequence: "Ctrl+B"; onActivated: sidebar.toggle() }
    Shortcut { sequence: "Ctrl+1"; onActivated: sidebar.clickTab("history") }
    Shortcut { sequence: "Ctrl+2"; onActivated: sidebar.clickTab("inspector") }
    Shortcut { sequence: "Ctrl+3"; onActivated: sidebar.clickTab("library") }
    Shortcut { sequence: "Ctrl+4"; onActivated: sidebar.clickTab("session") }
    Shortcut { sequence: "Ctrl+E"; enabled: page.studio.current.valid; onActivated: exportDialog.open() }
    Shortcut { sequence: "Ctrl+Shift+C"; enabled: page.studio.current.valid; onActivated: page.exporter.copySvg(page.studio.current.svg) }
    Shortcut { sequence: "Ctrl+D"; enabled: page.studio.current.valid; onActivated: page.studio.toggleFavorite() }
    Shortcut { sequence: "Alt+Left"; onActivated: page.studio.previousVariant() }
    Shortcut { sequence: "Alt+Right"; onActivated: page.studio.nextVariant() }
    Shortcut { sequence: "Ctrl+R"; onActivated: page.refine() }
    Shortcut { sequence: "Escape"; enabled: page.studio.busy; onActivated: page.studio.cancel() }
}
