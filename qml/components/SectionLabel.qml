import QtQuick
import QtQuick.Controls.Basic
import ParametricIcons

// Small uppercase section heading ("METADATA", "PROMPT", …).
Label {
    color: Theme.textMuted
    font.pixelSize: Theme.fontTiny
    font.weight: Font.DemiBold
    font.letterSpacing: 1.6
    font.capitalization: Font.AllUppercase
    Accessible.role: Accessible.Heading
}
