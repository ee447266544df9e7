#pragma once

// The common part of the Qt Quick Test runners' setup objects: the real AppCore (so the module's
// singletons exist) with its settings and data in a temporary directory and no keychain, and the
// module's import path. A runner derives from it to add its own context (a server, models).
#include "appcore.h"

#include <QQmlEngine>
#include <QTemporaryDir>

#include <memory>

class QuickTestSetup : public QObject
{
    Q_OBJECT
public slots:
    virtual void applicationAvailable()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        AppCore::Options options;
        options.settingsFile = m_dir->filePath(QStringLiteral("settings.ini"));
        options.dataDirectory = m_dir->filePath(QStringLiteral("data"));
        options.useKeychain = false;
        m_core = new AppCore(options, this);
    }
    virtual void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 puts the module's qmldir at qrc:/ParametricIcons/ (6.5+: qrc:/qt/qml/, a default path).
        engine->addImportPath(QStringLiteral("qrc:/"));
    }
    virtual void cleanupTestCase()
    {
        delete m_core;
        m_core = nullptr;
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    AppCore *m_core = nullptr;
};
