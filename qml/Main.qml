import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// The main window: starts on the progress screen while the backend comes up, then the studio (or the
// sign-in page in remote mode, or the help screen when the backend cannot start). Settings open over
// any of them.
ApplicationWindow {
    id: window

    property bool settingsOpen: false
    // "startup" | "error" | "signin" | "studio" (tests and screenshots read this); the rule is ScreenState's.
    readonly property string screen: screenState.screen
    // Loader.item is declared QObject, and 6.4 has no `as` cast to tell the tooling it is the page.
    readonly property Item settingsPage: settingsLoader.item // qmllint disable type
    readonly property StudioPage studioPage: studioLoader.item // qmllint disable type

    width: 1280
    height: 800
    minimumWidth: 900
    minimumHeight: 620
    visible: true
    title: qsTr("Parametric Icons")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody

    ScreenState {
        id: screenState
        backendMode: Backend.mode
        backendState: Backend.state
        authState: Auth.state
    }

    Binding { target: Theme; property: "mode"; value: AppSettings.theme }

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceRaised
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.brightText: Theme.textOnAccent
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.textOnAccent
    palette.light: Theme.surfaceHigh
    palette.midlight: Theme.surfaceHigh
    palette.mid: Theme.border
    palette.dark: Theme.borderStrong
    palette.shadow: "#000000"
    palette.placeholderText: Theme.placeholder
    palette.toolTipBase: Theme.tooltipBackground
    palette.toolTipText: Theme.tooltipText
    palette.link: Theme.accent

    function openSettings() { settingsOpen = true }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Banner {
            objectName: "offlineBanner"
            Layout.fillWidth: true
            visible: window.screen === "studio" && !Backend.online
            iconName: "wifi-off"
            tint: Theme.warning
            text: qsTr("Offline — showing saved history. Reconnecting to %1…").arg(String(Backend.serverUrl))
        }
        Banner {
            objectName: "keychainBanner"
            Layout.fillWidth: true
            visible: Auth.keychainNotice.length > 0
            iconName: "key"
            tint: Theme.info
            text: Auth.keychainNotice
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Loader {
                id: studioLoader
                anchors.fill: parent
                // Created once signed in and kept, so switching to Settings and back keeps the state.
                active: window.screen === "studio" || item !== null
                visible: window.screen === "studio" && !window.settingsOpen
                sourceComponent: StudioPage {
                    onOpenSettings: window.openSettings() // qmllint disable unqualified
                    onMessage: (text, error) => messageToast.show(text, error)
                }
            }
            Loader {
                anchors.fill: parent
                active: window.screen === "startup" && !window.settingsOpen
                sourceComponent: StartupPage { }
            }
            Loader {
                anchors.fill: parent
                active: window.screen === "error" && !window.settingsOpen
                sourceComponent: BackendErrorPage { onOpenSettings: window.openSettings() } // qmllint disable unqualified
            }
            Loader {
                anchors.fill: parent
                active: window.screen === "signin" && !window.settingsOpen
                sourceComponent: SignInPage { onOpenSettings: window.openSettings() } // qmllint disable unqualified
            }
            Loader {
                id: settingsLoader
                anchors.fill: parent
                active: window.settingsOpen
                sourceComponent: SettingsPage { onClosed: window.settingsOpen = false } // qmllint disable unqualified
                onLoaded: window.settingsPage.forceActiveFocus()
            }
        }
    }

    // Messages sit where they hide nothing the user works with: in the studio over its title block
    // (never over the command bar, the stage or the stage's toolbar), elsewhere at the top centre.
    Toast {
        id: messageToast
        objectName: "toast"
        readonly property bool inStudio: window.screen === "studio" && !window.settingsOpen && window.studioPage !== null
        readonly property rect area: inStudio ? window.studioPage.messageArea : Qt.rect(0, 0, window.width, 0)
        // The page's title block in window coordinates (the page sits below any banner).
        readonly property point origin: inStudio ? window.studioPage.mapToItem(window.contentItem, area.x, area.y)
                                                 : Qt.point(0, 0)
        maximumWidth: inStudio ? area.width : window.width - 48
        x: origin.x + (area.width - width) / 2
        y: inStudio ? origin.y + Math.max(0, (area.height - height) / 2) : Theme.spacing
        z: 100
    }

    Connections {
        target: Studio
        function onNotify(message) { messageToast.show(message, false) }
        function onGenerationFailed(message) { messageToast.show(message, true) }
    }
    Connections {
        target: Exporter
        function onExported(file, message) { messageToast.show(message, false) }
    }
    Connections {
        target: AppSettings
        function onErrorOccurred(message) { messageToast.show(message, true) }
    }

    Shortcut { sequence: "Ctrl+,"; onActivated: window.settingsOpen = !window.settingsOpen }
}
