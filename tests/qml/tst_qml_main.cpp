// Qt Quick Test runner for the views in qml/: runs every tests/qml/tst_*.qml against the real
// ParametricIcons module (Theme, components, pages, SvgItem). Views are given QML test doubles
// (tests/qml/doubles) for the state that would need a server; the real singletons exist but are
// never started, with settings and data in a temporary directory and no keychain.
#include "appcore.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        AppCore::Options options;
        options.settingsFile = m_dir->filePath(QStringLiteral("settings.ini"));
        options.dataDirectory = m_dir->filePath(QStringLiteral("data"));
        options.useKeychain = false;
        m_core = new AppCore(options, this);
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 puts the module's qmldir at qrc:/ParametricIcons/ (6.5+: qrc:/qt/qml/, a default path).
        engine->addImportPath(QStringLiteral("qrc:/"));
    }
    void cleanupTestCase()
    {
        delete m_core;
        m_core = nullptr;
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    AppCore *m_core = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(parametric_qml, Setup)

#include "tst_qml_main.moc"
