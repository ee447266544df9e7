import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import ParametricIcons

// Session: the log of requests, results and errors, with a THINKING card while generating.
Item {
    id: panel

    property var studio: Studio
    property var model: studio.session

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Session")

    ListView {
        id: list
        objectName: "sessionList"
        anchors.fill: parent
        clip: true
        spacing: Theme.spacingSmall
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { }
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Session log")
        onCountChanged: Qt.callLater(positionViewAtEnd) // qmllint disable type

        delegate: Rectangle {
            id: entry
            required property var model
            required property int index
            readonly property bool user: model.role === "user"
            readonly property bool failed: model.kind === "error"
            objectName: "sessionEntry_" + index
            width: list.width // qmllint disable unqualified
            implicitHeight: body.implicitHeight + 20
            radius: Theme.radius
            color: user ? Theme.surface : "transparent"
            border.width: 1
            border.color: failed ? Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.5) : Theme.border
            Accessible.role: Accessible.StaticText
            Accessible.name: model.label + ": " + model.text

            ColumnLayout {
                id: body
                anchors.fill: parent
                anchors.margins: 10
                spacing: 4
                RowLayout {
                    spacing: 6
                    TintedIcon {
                        name: entry.user ? "user" : (entry.failed ? "alert" : "bot")
                        size: 13
                        color: entry.failed ? Theme.danger : (entry.user ? Theme.accent : Theme.toggled)
                    }
                    Label {
                        text: entry.model.label
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontTiny
                        font.weight: Font.DemiBold
                        font.letterSpacing: 1.2
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        text: entry.model.timestamp ? Qt.formatDateTime(entry.model.timestamp, "HH:mm") : ""
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontTiny
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: entry.model.text
                    textFormat: Text.PlainText
                    color: entry.failed ? Theme.danger : Theme.text
                    font.pixelSize: Theme.fontSmall + 1
                    wrapMode: Text.Wrap
                }
            }
        }

        footer: Item {
            width: list.width // qmllint disable unqualified
            height: panel.model.thinking ? thinking.height + Theme.spacingSmall : 0 // qmllint disable unqualified
            Rectangle {
                id: thinking
                objectName: "thinkingCard"
                visible: panel.model.thinking // qmllint disable unqualified
                y: Theme.spacingSmall
                width: parent.width
                height: 78
                radius: Theme.radius
                color: "transparent"
                border.width: 1
                border.color: Theme.accentSoft
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Thinking")
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 10
                    spacing: 8
                    RowLayout {
                        spacing: 6
                        Spinner { size: 13; lineWidth: 2 }
                        Label {
                            text: qsTr("THINKING")
                            color: Theme.accent
                            font.pixelSize: Theme.fontTiny
                            font.weight: Font.DemiBold
                            font.letterSpacing: 1.2
                        }
                    }
                    Repeater {
                        model: [0.9, 0.6]
                        Rectangle {
                            required property real modelData
                            Layout.preferredWidth: thinking.width * modelData - 20 // qmllint disable unqualified
                            height: 8
                            radius: 4
                            color: Theme.surfaceHigh
                            SequentialAnimation on opacity {
                                running: panel.model.thinking // qmllint disable unqualified
                                loops: Animation.Infinite
                                NumberAnimation { to: 0.4; duration: 700 }
                                NumberAnimation { to: 1; duration: 700 }
                            }
                        }
                    }
                }
            }
        }
    }

    EmptyState {
        objectName: "sessionEmpty"
        anchors.centerIn: parent
        width: parent.width - 32
        visible: panel.model.count === 0 && !panel.model.thinking
        iconName: "terminal"
        title: qsTr("Session Log Empty")
        detail: qsTr("Requests, results and errors of this session appear here.")
    }
}
