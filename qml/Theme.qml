pragma Singleton
import QtQuick

// One place for every colour, size and duration of the UI. The dark palette follows the original's "dracula"
// preset (surfaces at hue 275, purple accent, cyan for toggled state); the light palette keeps the same roles.
QtObject {
    id: theme

    // "dark" (default) or "light"; Main.qml binds it to AppSettings.theme.
    property string mode: "dark"
    readonly property bool dark: mode !== "light"

    // Surfaces, from the deepest (rail) to the highest (menus, popups).
    readonly property color rail: dark ? "#050719" : "#E9E7F1"
    readonly property color background: dark ? "#0D1023" : "#F5F4FA"
    readonly property color surface: dark ? "#15192D" : "#FFFFFF"
    readonly property color surfaceRaised: dark ? "#1C2137" : "#FFFFFF"
    readonly property color surfaceHigh: dark ? "#262C45" : "#ECEAF4"
    readonly property color hover: dark ? "#20253C" : "#EEEBF6"
    readonly property color pressed: dark ? "#2A3050" : "#E2DDF0"
    readonly property color border: dark ? "#252B44" : "#DAD6E6"
    readonly property color borderStrong: dark ? "#3A4262" : "#BDB7D0"
    readonly property color overlay: dark ? "#B3050719" : "#99F5F4FA"
    readonly property color scrim: dark ? "#99000000" : "#66201A30"

    // Text.
    readonly property color text: dark ? "#F6F3EE" : "#1B1930"
    readonly property color textSecondary: dark ? "#8C95A6" : "#565D70"
    readonly property color textMuted: dark ? "#6B7589" : "#7D8396"
    readonly property color textDisabled: dark ? "#4A5266" : "#ABAFBC"
    readonly property color placeholder: dark ? "#5A6378" : "#8E93A3"

    // Accents and states.
    readonly property color accent: dark ? "#A072C6" : "#7B4BA6"
    readonly property color accentHover: dark ? "#B488D8" : "#6A3D93"
    readonly property color accentPressed: dark ? "#8A5DB0" : "#5B3380"
    readonly property color accentSoft: dark ? "#33A072C6" : "#227B4BA6"
    readonly property color textOnAccent: "#FFFFFF"
    readonly property color toggled: dark ? "#94F2E8" : "#0E8A7E"
    readonly property color toggledSoft: dark ? "#2294F2E8" : "#1A0E8A7E"
    readonly property color danger: dark ? "#F0626A" : "#C8323C"
    readonly property color dangerSoft: dark ? "#2AF0626A" : "#1AC8323C"
    readonly property color success: dark ? "#5FD38D" : "#1F8A4C"
    readonly property color warning: dark ? "#E8B04B" : "#9A6500"
    readonly property color warningSoft: dark ? "#26E8B04B" : "#1F9A6500"
    readonly property color info: dark ? "#4CC3D9" : "#0B7890"
    readonly property color focus: dark ? "#94F2E8" : "#7B4BA6"
    readonly property color reticle: dark ? "#4A7795" : "#8A7FB0"
    readonly property color stageBackground: dark ? "#0A0C1C" : "#FBFAFE"

    // The paper an icon is shown on follows its ink, not the UI theme: "dark" output (black ink, the
    // original's palette) sits on light paper, "light" output (light ink for dark toolbars) on dark.
    function canvasFor(inkMode) {
        return inkMode === "light" ? "#1B1B22" : "#F2F2F6"
    }
    function inkFor(inkMode) {
        return inkMode === "light" ? "#ECECF2" : "#16161C"
    }
    // The output-style choice named by what the user sees: the toolbar the icon is for, previewed as
    // ink on that paper (value "dark" = dark ink for light toolbars, the API's colorMode).
    readonly property var inkOptions: [
        { value: "dark", text: qsTr("Light toolbar"), paper: canvasFor("dark"), ink: inkFor("dark") },
        { value: "light", text: qsTr("Dark toolbar"), paper: canvasFor("light"), ink: inkFor("light") }
    ]
    readonly property color checker: dark ? "#10132A" : "#F0EEF6"

    // Intent badges (create = amber, refine = blue, upload = purple).
    readonly property color intentCreate: dark ? "#E8B04B" : "#9A6500"
    readonly property color intentRefine: dark ? "#2FC1D6" : "#0B7890"
    readonly property color intentUpload: accent

    // Tooltips are light on the dark theme, as in the original.
    readonly property color tooltipBackground: dark ? "#F6F3EE" : "#1B1930"
    readonly property color tooltipText: dark ? "#15192D" : "#F6F3EE"

    // Typography.
    // Qt.application is a QQuickApplication at run time; 6.4's tooling only knows its base (no font).
    readonly property string fontFamily: Qt.application.font.family // qmllint disable type
    readonly property string monoFamily: "monospace"
    readonly property int fontTiny: 10
    readonly property int fontSmall: 11
    readonly property int fontBody: 13
    readonly property int fontInput: 15
    readonly property int fontTitle: 18
    readonly property int fontHeadline: 30

    // Geometry.
    readonly property int railWidth: 72
    readonly property int drawerWidth: 320
    readonly property int radiusSmall: 6
    readonly property int radius: 8
    readonly property int radiusLarge: 14
    readonly property int spacingTiny: 4
    readonly property int spacingSmall: 8
    readonly property int spacing: 12
    readonly property int spacingLarge: 24
    readonly property int spacingHuge: 48
    readonly property int iconSize: 18
    readonly property int iconButtonSize: 32
    readonly property int controlHeight: 34
    readonly property int inputBarHeight: 56

    // Motion.
    readonly property int animationFast: 120
    readonly property int animation: 200
    readonly property int feedbackTimeout: 5000

    // Resolves a line icon shipped in qml/icons.
    function icon(name) {
        return Qt.resolvedUrl("icons/" + name + ".svg")
    }
}
