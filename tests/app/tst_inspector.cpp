// The Inspector's parameter editing against the real in-process server (built-in generator, real
// PostgreSQL) with the real Studio, EditSession and the real ParameterEditor.qml offscreen: a gear's
// teeth 8 → 12 through the spin box changes the stage at once (drawn locally, byte for byte what the
// shared renderer gives), undo/redo/reset, Save reaches the server and history, a restart (a new
// Studio on the same cache) shows the saved icon; the ink control re-inks the current icon at once.
// Toolbar sets through Studio.sets: ten icons exported in one ZIP (PNGs at every size, manifest).
#include "apiclient.h"
#include "appsettings.h"
#include "editsession.h"
#include "exporter.h"
#include "historymodel.h"
#include "localsignin.h"
#include "parametermodel.h"
#include "studio.h"
#include "toolbarsetmodel.h"

#include "export/iconexport.h"
#include "server/testserver.h"
#include "vocabulary/sceneredraw.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
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
QJsonObject postAndWait(ApiClient &api, const QString &path, const QJsonObject &body)
{
    ApiReply *reply = api.post(path, body);
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(30000) || !reply->isOk())
        return {};
    return reply->json();
}

// The entries of a stored ZIP by name, read through its central directory.
QHash<QString, QByteArray> unzip(const QByteArray &zip)
{
    const auto le16 = [&](qsizetype at) { return quint16(uchar(zip[at]) | uchar(zip[at + 1]) << 8); };
    const auto le32 = [&](qsizetype at) { return quint32(le16(at)) | quint32(le16(at + 2)) << 16; };
    QHash<QString, QByteArray> out;
    const qsizetype eocd = zip.lastIndexOf(QByteArray::fromHex("504b0506"));
    if (eocd < 0)
        return out;
    qsizetype cd = le32(eocd + 16);
    for (int i = 0, n = le16(eocd + 10); i < n; ++i) {
        const quint32 size = le32(cd + 24);
        const quint16 nameLen = le16(cd + 28);
        const quint32 local = le32(cd + 42);
        const qsizetype dataAt = local + 30 + le16(local + 26) + le16(local + 28);
        out.insert(QString::fromUtf8(zip.mid(cd + 46, nameLen)), zip.mid(dataAt, size));
        cd += 46 + nameLen + le16(cd + 30) + le16(cd + 32);
    }
    return out;
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
        studio->composer()->setPrompt(QStringLiteral("gear with eight teeth"));
        studio->submit();
        QVERIFY(generated.wait(30000));
        const QString id = studio->current()->id();
        QTRY_VERIFY_WITH_TIMEOUT(editor->available(), 10000);
        QCOMPARE(editor->parameters()->count(), 2);
        const QString before = studio->current()->svg();
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
        QSignalSpy stage(studio->current(), &CurrentIcon::changed);
        spin->setProperty("value", 12);
        QVERIFY(QMetaObject::invokeMethod(spin, "valueModified"));
        QVERIFY(stage.count() > 0);
        const QString edited = studio->current()->svg();
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
        QCOMPARE(studio->current()->svg(), before);
        QCOMPARE(spin->property("value").toInt(), 8);
        editor->redo();
        QCOMPARE(studio->current()->svg(), edited);
        QCOMPARE(spin->property("value").toInt(), 12);
        // A value outside the schema is refused with its range, nothing drawn.
        editor->setValue(QStringLiteral("gear.teeth"), 99);
        QVERIFY2(editor->error().contains(QStringLiteral("gear.teeth")), qPrintable(editor->error()));
        QCOMPARE(studio->current()->svg(), edited);

        // Save: PATCH, then history and the server have it.
        QSignalSpy saved(editor, &EditSession::saved);
        QMetaObject::invokeMethod(findItem(view.get(), QStringLiteral("saveEdit")), "clicked");
        QVERIFY(saved.wait(15000));
        QVERIFY(!editor->dirty());
        QCOMPARE(studio->current()->svg(), edited);
        QCOMPARE(studio->history()->asset(id).selectedSvg(), edited);

        // Undo after Save: the stage goes back to 8 teeth, which now differs from what is saved.
        QVERIFY(editor->canUndo());
        editor->undo();
        QCOMPARE(studio->current()->svg(), before);
        QVERIFY(editor->dirty());
        editor->redo();
        QCOMPARE(studio->current()->svg(), edited);
        QVERIFY(!editor->dirty());

        // Exports of the current icon at toolbar sizes are drawn from its scene, hinted per size; other
        // SVGs and large sizes are rasterised as they are.
        const QString hinted16 = studio->drawingForPixels(edited, 16);
        QVERIFY(hinted16 != edited && hinted16.startsWith(QLatin1String("<svg")));
        QCOMPARE(studio->drawingForPixels(edited, 256), edited);
        QCOMPARE(studio->drawingForPixels(QStringLiteral("<svg/>"), 16), QStringLiteral("<svg/>"));
        Exporter exporter(nullptr);
        exporter.setHinter([&](const QString &svg, int size) { return studio->drawingForPixels(svg, size); });
        const QString png16 = m_dir.filePath(QStringLiteral("gear16.png"));
        QVERIFY(exporter.savePng(edited, 16, QUrl::fromLocalFile(png16)));
        QFile pngFile(png16);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        QCOMPARE(pngFile.readAll(), IconExport::pngData(hinted16, 16));

        // The ink control: the current icon is drawn again at once in the other ink.
        studio->composer()->setColorMode(QStringLiteral("light"));
        studio->restyleCurrent();
        QCOMPARE(studio->current()->colorMode(), QStringLiteral("light"));
        QVERIFY(studio->current()->svg() != edited);
        editor->reset();
        QCOMPARE(studio->current()->svg(), edited);
        QCOMPARE(studio->current()->colorMode(), QStringLiteral("dark"));

        // A restart on the same cache and server shows the saved icon.
        view.reset();
        editor = nullptr;
        studio.reset();
        Studio again(&api, &settings);
        again.setSignedIn(true, cache);
        QTRY_VERIFY_WITH_TIMEOUT(again.history()->asset(id).isValid(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(again.history()->asset(id).selectedSvg(), edited, 10000);
        again.selectAsset(id);
        QCOMPARE(again.current()->svg(), edited);
        QTRY_VERIFY_WITH_TIMEOUT(again.editor()->available(), 10000);
        const ParameterModel *parameters = again.editor()->parameters();
        QCOMPARE(parameters->get(parameters->indexOf(QStringLiteral("gear.teeth")))
                     .value(QStringLiteral("value"))
                     .toInt(),
                 12);
    }

    // Acceptance (toolbar sets): a set of ten icons exports to one ZIP whose PNGs exist at every listed
    // size and whose manifest lists them, with unique file names; the set's ink is the one drawn.
    void setOfTenExportsToZip()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("sets.ini")), QSettings::IniFormat),
            nullptr);
        Studio studio(&api, &settings);
        studio.setSignedIn(true, m_dir.filePath(QStringLiteral("cache/history-sets.json")));
        ToolbarSetModel *sets = studio.sets();

        const QStringList prompts{QStringLiteral("gear"),        QStringLiteral("box"),
                                  QStringLiteral("cylinder"),    QStringLiteral("fillet"),
                                  QStringLiteral("polar array"), QStringLiteral("mirror"),
                                  QStringLiteral("gear"),        QStringLiteral("loft"),
                                  QStringLiteral("torus"),       QStringLiteral("hex nut")};
        QStringList ids;
        for (const QString &prompt : prompts) {
            const QJsonObject icon =
                postAndWait(api, QStringLiteral("/api/icons"),
                            {{QStringLiteral("prompt"), prompt}, {QStringLiteral("variantCount"), 1}});
            QVERIFY2(!icon.isEmpty(), qPrintable(prompt));
            ids << icon.value(QStringLiteral("id")).toString();
        }
        QSignalSpy changed(sets, &ToolbarSetModel::changed);
        sets->create(QStringLiteral("Mesh tools"), QStringLiteral("light"), ids);
        QVERIFY(changed.wait(15000));
        const int row = sets->indexOf(changed.last().at(0).toString());
        QVERIFY(row >= 0);
        QCOMPARE(sets->get(row).value(QStringLiteral("iconCount")).toInt(), 10);
        const QString setId = sets->get(row).value(QStringLiteral("setId")).toString();

        const QString path = m_dir.filePath(QStringLiteral("export/mesh_tools.zip"));
        QSignalSpy finished(sets, &ToolbarSetModel::exportFinished);
        sets->exportZip(setId, QUrl::fromLocalFile(path));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QVERIFY(finished.last().at(1).toString().contains(QStringLiteral("10 icons")));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QHash<QString, QByteArray> entries = unzip(file.readAll());
        const QJsonObject manifest =
            QJsonDocument::fromJson(entries.value(QStringLiteral("manifest.json"))).object();
        QCOMPARE(manifest.value(QStringLiteral("set")).toString(), QStringLiteral("Mesh tools"));
        QCOMPARE(manifest.value(QStringLiteral("colorMode")).toString(), QStringLiteral("light"));
        const QList<int> sizes{16, 24, 32, 48, 64};
        QJsonArray listed = manifest.value(QStringLiteral("sizes")).toArray();
        QCOMPARE(listed.size(), sizes.size());
        const QJsonArray icons = manifest.value(QStringLiteral("icons")).toArray();
        QCOMPARE(icons.size(), 10);
        QSet<QString> bases;
        for (const QJsonValue &v : icons) {
            const QJsonObject icon = v.toObject();
            bases.insert(icon.value(QStringLiteral("base")).toString());
            QVERIFY(icon.value(QStringLiteral("fromScene")).toBool());
            const QJsonObject files = icon.value(QStringLiteral("files")).toObject();
            const QByteArray svg = entries.value(files.value(QStringLiteral("svg")).toString());
            QVERIFY(svg.startsWith("<svg"));
            for (int size : sizes) {
                const QString png =
                    files.value(QStringLiteral("png")).toObject().value(QString::number(size)).toString();
                QVERIFY2(entries.contains(png), qPrintable(png));
                const QImage image = QImage::fromData(entries.value(png), "PNG");
                QCOMPARE(image.size(), QSize(size, size));
            }
            QVERIFY(entries.value(files.value(QStringLiteral("ico")).toString()).size() > 6);
            QVERIFY(entries.value(files.value(QStringLiteral("icns")).toString()).startsWith("icns"));
        }
        QCOMPARE(bases.size(), 10); // "gear" twice → two file names
        QVERIFY(bases.contains(QStringLiteral("gear")));
        QCOMPARE(entries.size(), 1 + 10 * (1 + 5 + 2));

        // A new style draws every scene in the set again: the exported SVGs follow it.
        const QString lightGear = QString::fromUtf8(entries.value(QStringLiteral("svg/gear.svg")));
        sets->setStyle(setId, QStringLiteral("dark"));
        QVERIFY(changed.wait(15000));
        QCOMPARE(sets->get(row).value(QStringLiteral("colorMode")).toString(), QStringLiteral("dark"));
        sets->exportZip(setId, QUrl::fromLocalFile(path));
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.last().at(0).toBool());
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QString darkGear =
            QString::fromUtf8(unzip(again.readAll()).value(QStringLiteral("svg/gear.svg")));
        QVERIFY(darkGear.startsWith(QLatin1String("<svg")));
        QVERIFY(darkGear != lightGear);
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
