import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// 72 px rail (drawer toggle, five tabs, settings, avatar) and the collapsible 320 px drawer.
// Clicking the active tab while open collapses the drawer; another tab selects it and opens it.
Item {
    id: sidebar

    property var settings: AppSettings
    property var auth: Auth
    property bool open: settings.sidebarOpen
    property string tab: settings.sidebarTab.length ? settings.sidebarTab : "history"
    readonly property var tabs: [
        { key: "history", text: qsTr("History"), icon: "history" },
        { key: "inspector", text: qsTr("Inspector"), icon: "sliders" },
        { key: "library", text: qsTr("Library"), icon: "heart" },
        { key: "sets", text: qsTr("Toolbar sets"), icon: "layers" },
        { key: "session", text: qsTr("Session"), icon: "terminal" }
    ]
    default property alias panels: stack.data
    signal openSettings()

    implicitWidth: Theme.railWidth + drawer.width

    function showTab(key) {
        settings.sidebarTab = key
        settings.sidebarOpen = true
    }
    function clickTab(key) {
        if (open && tab === key)
            settings.sidebarOpen = false
        else
            showTab(key)
    }
    function toggle() {
        settings.sidebarOpen = !open
    }

    Rectangle {
        id: rail
        width: Theme.railWidth
        height: parent.height
        color: Theme.rail
        z: 1

        ColumnLayout {
            anchors.fill: parent
            anchors.topMargin: 20
            anchors.bottomMargin: 16
            spacing: 14

            RailButton {
                objectName: "toggleSidebar"
                Layout.alignment: Qt.AlignHCenter
                iconName: "panel-left"
                toolTipText: sidebar.open ? qsTr("Collapse") : qsTr("Expand")
                onClicked: sidebar.toggle()
            }
            Item { Layout.preferredHeight: 26 }
            Repeater {
                model: sidebar.tabs
                RailButton {
                    required property var modelData
                    objectName: "tab_" + modelData.key
                    Layout.alignment: Qt.AlignHCenter
                    iconName: modelData.icon
                    toolTipText: modelData.text
                    active: sidebar.open && sidebar.tab === modelData.key // qmllint disable unqualified
                    onClicked: sidebar.clickTab(modelData.key) // qmllint disable unqualified
                }
            }
            Item { Layout.fillHeight: true }
            RailButton {
                objectName: "openSettings"
                Layout.alignment: Qt.AlignHCenter
                iconName: "settings"
                toolTipText: qsTr("Settings")
                onClicked: sidebar.openSettings()
            }
            AbstractButton {
                id: avatarButton
                objectName: "accountButton"
                Layout.alignment: Qt.AlignHCenter
                implicitWidth: 44
                implicitHeight: 44
                focusPolicy: Qt.StrongFocus
                hoverEnabled: true
                Accessible.role: Accessible.ButtonMenu
                Accessible.name: sidebar.auth.signedIn ? qsTr("Account") : qsTr("Sign in")
                ToolTip.visible: hovered
                ToolTip.delay: 300
                ToolTip.text: sidebar.auth.email.length ? qsTr("Account — %1").arg(sidebar.auth.email) : qsTr("Account")
                onClicked: accountMenu.opened ? accountMenu.close() : accountMenu.open()
                background: Rectangle {
                    radius: width / 2
                    color: "transparent"
                    border.width: avatarButton.visualFocus ? 2 : 0
                    border.color: Theme.focus
                }
                contentItem: Item {
                    Avatar {
                        anchors.centerIn: parent
                        size: 34
                        initials: sidebar.auth.initials
                        opacity: avatarButton.hovered ? 1 : 0.9
                    }
                }
                AccountMenu {
                    id: accountMenu
                    x: avatarButton.width + 12
                    y: avatarButton.height - height
                    onOpenSettings: sidebar.openSettings()
                }
            }
        }
        Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }
    }

    Rectangle {
        id: drawer
        objectName: "drawer"
        x: Theme.railWidth
        width: sidebar.open ? Theme.drawerWidth : 0
        height: parent.height
        color: Theme.background
        clip: true
        visible: width > 0
        Behavior on width { NumberAnimation { duration: Theme.animation; easing.type: Easing.OutCubic } }

        Item {
            // Fixed-width content so the text does not reflow while the drawer animates.
            width: Theme.drawerWidth
            height: parent.height
            opacity: sidebar.open ? 1 : 0
            Behavior on opacity { NumberAnimation { duration: Theme.animation } }
            transform: Translate {
                x: sidebar.open ? 0 : -16
                Behavior on x { NumberAnimation { duration: Theme.animation; easing.type: Easing.OutCubic } }
            }

            Label {
                id: header
                x: Theme.spacingLarge - 4
                y: 26
                text: sidebar.tab.toUpperCase()
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 2.4
                Accessible.role: Accessible.Heading
            }
            StackLayout {
                id: stack
                anchors.top: header.bottom
                anchors.topMargin: Theme.spacing
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing
                anchors.bottomMargin: Theme.spacing
                currentIndex: Math.max(0, sidebar.tabs.map((t) => t.key).indexOf(sidebar.tab))
            }
        }
        Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }
    }
}
