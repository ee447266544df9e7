// Qt Quick Test runner for the views in qml/: runs every tests/qml/tst_*.qml against the real
// ParametricIcons module (Theme, components, pages, SvgItem). Views are given QML test doubles
// (tests/qml/doubles) for the state that would need a server; the real singletons exist but are
// never started, with settings and data in a temporary directory and no keychain.
#include "quicktestsetup.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

QUICK_TEST_MAIN_WITH_SETUP(parametric_qml, QuickTestSetup)
