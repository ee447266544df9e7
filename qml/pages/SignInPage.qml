import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Remote mode sign-in: the system browser does the provider's login; this page shows the choice,
// the waiting state (Cancel, Copy link, Open again) and failures.
Rectangle {
    id: page

    property var auth: Auth
    property var backend: Backend
    readonly property bool waiting: auth.state === Auth.WaitingForBrowser || auth.state === Auth.ExchangingCode
                                    || auth.state === Auth.Restoring || auth.state === Auth.CheckingServer
    readonly property var providerInfo: ({
        github: { text: qsTr("Continue with GitHub"), icon: "github", fill: "#24292F", ink: "#FFFFFF", name: "GitHub" },
        google: { text: qsTr("Continue with Google"), icon: "globe", fill: "#FFFFFF", ink: "#1F1F1F", name: "Google" },
        microsoft: { text: qsTr("Continue with Microsoft"), icon: "windows", fill: "#2F6FDE", ink: "#FFFFFF", name: "Microsoft" }
    })
    signal openSettings()

    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Sign in")
    // Escape cancels a sign-in in progress, from anywhere on the page.
    focus: true
    Keys.onEscapePressed: (event) => {
        event.accepted = page.waiting && page.auth.state !== Auth.Restoring
        if (event.accepted)
            page.auth.cancelSignIn()
    }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(400, parent.width - 48)
        height: content.implicitHeight + 2 * Theme.spacingLarge + 8
        radius: Theme.radiusLarge
        color: Theme.surface
        border.width: 1
        border.color: Theme.border

        ColumnLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.spacingLarge + 4
            spacing: Theme.spacing

            AppMark {
                Layout.alignment: Qt.AlignHCenter
                size: 48
            }
            Label {
                Layout.alignment: Qt.AlignHCenter
                text: page.waiting ? qsTr("Continue in your browser") : qsTr("Sign in to continue")
                color: Theme.text
                font.pixelSize: Theme.fontTitle + 2
                font.weight: Font.DemiBold
            }
            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                text: {
                    if (page.auth.state === Auth.Restoring)
                        return qsTr("Restoring your session…")
                    if (page.auth.state === Auth.CheckingServer)
                        return qsTr("Checking that %1 answers…").arg(page.backend.serverUrl.toString())
                    if (page.auth.state === Auth.ExchangingCode)
                        return qsTr("Finishing sign-in…")
                    if (page.auth.state === Auth.WaitingForBrowser) {
                        const info = page.providerInfo[page.auth.provider]
                        const who = info ? info.name : page.auth.provider
                        return page.auth.browserOpened
                            ? qsTr("A %1 sign-in page opened in your browser. Come back here when you are done.").arg(who)
                            : qsTr("The browser could not be opened. Copy the link and open it in a browser to sign in with %1.").arg(who)
                    }
                    return qsTr("Your icons are kept on %1.").arg(page.backend.serverUrl.toString().length
                                                                    ? page.backend.serverUrl.toString() : qsTr("the server"))
                }
            }

            // Error from the last attempt.
            Rectangle {
                objectName: "signInError"
                visible: page.auth.errorMessage.length > 0 && !page.waiting
                Layout.fillWidth: true
                implicitHeight: errorRow.implicitHeight + 16
                radius: Theme.radius
                color: Theme.dangerSoft
                border.width: 1
                border.color: Theme.danger
                Accessible.role: Accessible.AlertMessage
                Accessible.name: errorText.text
                RowLayout {
                    id: errorRow
                    anchors.fill: parent
                    anchors.margins: 8
                    spacing: 8
                    TintedIcon { name: "alert"; size: 16; color: Theme.danger }
                    Label {
                        id: errorText
                        Layout.fillWidth: true
                        text: page.auth.errorMessage
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                    IconButton {
                        iconName: "x"
                        size: 24
                        iconSize: 14
                        toolTipText: qsTr("Dismiss")
                        onClicked: page.auth.clearError()
                    }
                }
            }

            // Provider choice.
            Repeater {
                model: page.waiting ? [] : page.auth.providers
                Button {
                    id: providerButton
                    required property string modelData
                    readonly property var info: page.providerInfo[modelData] // qmllint disable unqualified
                                                || { text: qsTr("Continue with %1").arg(modelData), icon: "user",
                                                     fill: Theme.surfaceHigh, ink: Theme.text }
                    objectName: "provider_" + modelData
                    Layout.fillWidth: true
                    implicitHeight: 42
                    text: info.text
                    focusPolicy: Qt.StrongFocus
                    Accessible.name: text
                    onClicked: page.auth.signIn(modelData) // qmllint disable unqualified
                    Keys.onReturnPressed: clicked()
                    Keys.onEnterPressed: clicked()
                    contentItem: RowLayout {
                        spacing: 10
                        Item { Layout.fillWidth: true }
                        TintedIcon { name: providerButton.info.icon; size: 18; color: providerButton.info.ink }
                        Label {
                            text: providerButton.text
                            color: providerButton.info.ink
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.Medium
                        }
                        Item { Layout.fillWidth: true }
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: providerButton.info.fill
                        opacity: providerButton.down ? 0.8 : (providerButton.hovered ? 0.9 : 1)
                        border.width: providerButton.visualFocus ? 2 : 1
                        border.color: providerButton.visualFocus ? Theme.focus : Theme.borderStrong
                    }
                }
            }

            // Waiting for the browser.
            Spinner {
                visible: page.waiting
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacingSmall
                Layout.bottomMargin: Theme.spacingSmall
                size: 36
            }
            RowLayout {
                visible: page.auth.state === Auth.WaitingForBrowser
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.spacingSmall
                ThemedButton {
                    objectName: "copyLinkButton"
                    text: copied.running ? qsTr("Copied") : qsTr("Copy link")
                    iconName: copied.running ? "check" : "link"
                    onClicked: { page.auth.copySignInLink(); copied.restart() }
                    Timer { id: copied; interval: 2000 }
                }
                ThemedButton {
                    text: qsTr("Open again")
                    iconName: "external-link"
                    onClicked: page.auth.openSignInLinkAgain()
                }
            }
            ThemedButton {
                objectName: "cancelSignIn"
                visible: page.waiting && page.auth.state !== Auth.Restoring
                Layout.alignment: Qt.AlignHCenter
                tone: "ghost"
                text: qsTr("Cancel")
                onClicked: page.auth.cancelSignIn()
            }
        }
    }

    ThemedButton {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingLarge
        tone: "ghost"
        iconName: "settings"
        text: qsTr("Settings")
        onClicked: page.openSettings()
    }
}
