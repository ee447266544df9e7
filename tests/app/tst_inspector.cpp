// The Inspector's parameter editing against the real in-process server (built-in generator, real
// PostgreSQL) with the real Studio, EditSession and the real ParameterEditor.qml offscreen: a gear's
// teeth 8 → 12 through the spin box changes the stage at once (drawn locally, byte for byte what the
// shared renderer gives), undo/redo/reset, Save reaches the server and history, a restart (a new
// Studio on the same cache) shows the saved icon; the ink control re-inks the current icon at once.
#include "apiclient.h"
#include "appsettings.h"
#include "editsession.h"
#include "historymodel.h"
#include "localsignin.h"
#include "parametermodel.h"
#include "studio.h"

#include "server/testserver.h"
#include "vocabulary/sceneredraw.h"

#include <QJsonArray>
#include <QQmlComponent>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

namespace {
const QByteArray Secret = "inspector-test-local-secret-0123456789";

// Repeater delegates are visual children, not QObject children: search both.
QQuickItem *findItem(QObject *root, const QString &name)
{
    if (auto *found = root->findChild<QQuickItem *>(name))
        return found;
    if (auto *item = qobject_cast<QQuickItem *>(root)) {
        for (QQuickItem *child : item->childItems()) {
            if (child->objectName() == name)
                return child;
            if (QQuickItem *found = findItem(child, name))
                return found;
        }
    }
    return nullptr;
}
} // namespace

class TestInspector : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ApiServerOptions options;
        options.localLoginSecret = Secret;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanupTestCase() { m_server.reset(); }

    void gearTeethEditedLiveThenSaved()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat),
            nullptr);
        const QString cache = m_dir.filePath(QStringLiteral("cache/history-inspector.json"));
        auto studio = std::make_unique<Studio>(&api, &settings);
        studio->setSignedIn(true, cache);
        EditSession *editor = studio->editor();

        QSignalSpy generated(studio.get(), &Studio::generated);
        studio->setPrompt(QStringLiteral("gear with eight teeth"));
        studio->submit();
        QVERIFY(generated.wait(30000));
        const QString id = studio->currentId();
        QTRY_VERIFY_WITH_TIMEOUT(editor->available(), 10000);
        QCOMPARE(editor->parameters()->count(), 2);
        const QString before = studio->currentSvg();
        const QJsonObject storedScene = studio->currentAsset().variants.at(0).scene;
        QVERIFY(!storedScene.isEmpty());

        // The real Inspector control.
        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/"));
        engine.rootContext()->setContextProperty(QStringLiteral("testEditor"), editor);
        QQmlComponent component(&engine);
        component.setData("import QtQuick\nimport ParametricIcons\n"
                          "ParameterEditor { width: 320; editor: testEditor }",
                          QUrl(QStringLiteral("qrc:/inspector-test.qml")));
        std::unique_ptr<QObject> view(component.create());
        QVERIFY2(view, qPrintable(component.errorString()));
        QQuickItem *spin = findItem(view.get(), QStringLiteral("spin_gear.teeth"));
        QVERIFY(spin);
        QCOMPARE(spin->property("value").toInt(), 8);
        QCOMPARE(spin->property("from").toInt(), 6);
        QCOMPARE(spin->property("to").toInt(), 24);
        QVERIFY(findItem(view.get(), QStringLiteral("switch_gear.hub")));

        // 8 → 12: the stage changes at once (no event loop, no request), drawn by the shared renderer.
        QSignalSpy stage(studio.get(), &Studio::currentChanged);
        spin->setProperty("value", 12);
        QVERIFY(QMetaObject::invokeMethod(spin, "valueModified"));
        QVERIFY(stage.count() > 0);
        const QString edited = studio->currentSvg();
        QVERIFY(edited != before);
        const auto expected = vocab::redrawScene(storedScene, {{QStringLiteral("gear.teeth"), 12}},
                                                 ColorMode::Dark, id + QStringLiteral(":0"), nullptr);
        QVERIFY(expected);
        QCOMPARE(edited, expected->svg);
        QVERIFY(editor->dirty());
        QVERIFY(editor->canSave());
        QVERIFY(!editor->saveState().isEmpty());
        // History still has the saved icon until Save.
        QCOMPARE(studio->history()->asset(id).selectedSvg(), before);

        // Undo / redo / reset are instant too.
        editor->undo();
        QCOMPARE(studio->currentSvg(), before);
        QCOMPARE(spin->property("value").toInt(), 8);
        editor->redo();
        QCOMPARE(studio->currentSvg(), edited);
        QCOMPARE(spin->property("value").toInt(), 12);
        // A value outside the schema is refused with its range, nothing drawn.
        editor->setValue(QStringLiteral("gear.teeth"), 99);
        QVERIFY2(editor->error().contains(QStringLiteral("gear.teeth")), qPrintable(editor->error()));
        QCOMPARE(studio->currentSvg(), edited);

        // Save: PATCH, then history and the server have it.
        QSignalSpy saved(editor, &EditSession::saved);
        QMetaObject::invokeMethod(findItem(view.get(), QStringLiteral("saveEdit")), "clicked");
        QVERIFY(saved.wait(15000));
        QVERIFY(!editor->dirty());
        QCOMPARE(studio->currentSvg(), edited);
        QCOMPARE(studio->history()->asset(id).selectedSvg(), edited);

        // The ink control: the current icon is drawn again at once in the other ink.
        studio->setColorMode(QStringLiteral("light"));
        studio->restyleCurrent();
        QCOMPARE(studio->currentColorMode(), QStringLiteral("light"));
        QVERIFY(studio->currentSvg() != edited);
        editor->reset();
        QCOMPARE(studio->currentSvg(), edited);
        QCOMPARE(studio->currentColorMode(), QStringLiteral("dark"));

        // A restart on the same cache and server shows the saved icon.
        view.reset();
        editor = nullptr;
        studio.reset();
        Studio again(&api, &settings);
        again.setSignedIn(true, cache);
        QTRY_VERIFY_WITH_TIMEOUT(again.history()->asset(id).isValid(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(again.history()->asset(id).selectedSvg(), edited, 10000);
        again.selectAsset(id);
        QCOMPARE(again.currentSvg(), edited);
        QTRY_VERIFY_WITH_TIMEOUT(again.editor()->available(), 10000);
        const ParameterModel *parameters = again.editor()->parameters();
        QCOMPARE(parameters->get(parameters->indexOf(QStringLiteral("gear.teeth")))
                     .value(QStringLiteral("value"))
                     .toInt(),
                 12);
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
