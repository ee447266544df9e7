#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"
#include "vocabulary/scenerefiner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace vocab;

namespace {

scene::Scene sceneOf(const QString &prompt, int variant = 0)
{
    const EngineResult r = IconEngine::builtin().generate(prompt, 3, ColorMode::Dark, prompt);
    if (r.variants.size() <= variant)
        return {};
    return r.variants.at(variant).scene;
}

QJsonObject change(const RefineResult &r, int i = 0)
{
    return r.interpretation.value(QLatin1String("changes")).toArray().at(i).toObject();
}

bool draws(const RefineResult &r)
{
    return scene::SceneRenderer::render(r.scene, ColorMode::Dark, QStringLiteral("t")).ok();
}

} // namespace

// Refinement in words on scenes of the built-in engine (the server's tests drive the same through HTTP).
class TestSceneRefiner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numberWordsSetAParameter()
    {
        const RefineResult r =
            SceneRefiner::builtin().refine(sceneOf(QStringLiteral("gear")), QStringLiteral("twelve teeth"));
        QCOMPARE(int(r.status), int(RefineResult::Status::Refined));
        QCOMPARE(r.scene.values.value(QStringLiteral("gear.teeth")).toInt(), 12);
        QCOMPARE(change(r).value("from").toInt(), 8);
        QCOMPARE(change(r).value("to").toInt(), 12);
        QCOMPARE(r.interpretation.value("summary").toString(), QStringLiteral("gear: teeth 8 → 12"));
        QVERIFY(draws(r));
    }

    void widerMovesTheParameterThatMakesItWider()
    {
        const scene::Scene fillet = sceneOf(QStringLiteral("fillet"));
        const RefineResult r = SceneRefiner::builtin().refine(fillet, QStringLiteral("make it wider"));
        QCOMPARE(int(r.status), int(RefineResult::Status::Refined));
        QVERIFY(r.scene.values.value(QStringLiteral("fillet.radius")).toDouble() >
                fillet.values.value(QStringLiteral("fillet.radius")).toDouble());
        QCOMPARE(r.scene.source.concepts, fillet.source.concepts); // the same concept, not a redraw
        QVERIFY(draws(r));
        // At the top of the range it says so instead of pretending.
        scene::Scene widest = fillet;
        widest.values.insert(QStringLiteral("fillet.radius"), 12.0);
        const RefineResult top = SceneRefiner::builtin().refine(widest, QStringLiteral("wider"));
        QCOMPARE(int(top.status), int(RefineResult::Status::NotPossible));
        QVERIFY2(top.message.contains(QLatin1String("largest")), qPrintable(top.message));
    }

    void valueWordsAndEdits()
    {
        const RefineResult hole = SceneRefiner::builtin().refine(sceneOf(QStringLiteral("solid gear")),
                                                                 QStringLiteral("add a hole"));
        QCOMPARE(int(hole.status), int(RefineResult::Status::Refined));
        QCOMPARE(hole.scene.values.value(QStringLiteral("gear.hub")).toBool(), true);

        const scene::Scene bolt = sceneOf(QStringLiteral("mirror a bolt"));
        const RefineResult mirrored = SceneRefiner::builtin().refine(bolt, QStringLiteral("mirror it"));
        QCOMPARE(int(mirrored.status), int(RefineResult::Status::Refined));
        QVERIFY(mirrored.scene.source.edits.mirror);
        QVERIFY(draws(mirrored));
        const RefineResult rotated =
            SceneRefiner::builtin().refine(mirrored.scene, QStringLiteral("rotate 45 degrees"));
        QCOMPARE(rotated.scene.source.edits.rotate, 45.0);
        QVERIFY(rotated.scene.source.edits.mirror);
        QVERIFY(draws(rotated));
        const RefineResult bare =
            SceneRefiner::builtin().refine(rotated.scene, QStringLiteral("without the guide"));
        QCOMPARE(int(bare.status), int(RefineResult::Status::Refined));
        QVERIFY(!QJsonDocument(bare.sceneJson).toJson().contains("\"guide\""));
        QVERIFY(draws(bare));
        // Edits survive a parameter change built from the source.
        QVariantMap values = bare.scene.values;
        auto again = IconEngine::builtin().instantiate(bare.scene.source, values, nullptr);
        QVERIFY(again);
        QCOMPARE(again->sceneJson, bare.sceneJson);

        // A drawing keeps its guide, and says why.
        const RefineResult drawing = SceneRefiner::builtin().refine(sceneOf(QStringLiteral("arc")),
                                                                    QStringLiteral("without the guide"));
        QCOMPARE(int(drawing.status), int(RefineResult::Status::NotPossible));
        QVERIFY(drawing.message.contains(QLatin1String("Guide")));
    }

    void gripsAtTheEnds()
    {
        const scene::Scene fillet = sceneOf(QStringLiteral("fillet"));
        const RefineResult r =
            SceneRefiner::builtin().refine(fillet, QStringLiteral("show the grips at the ends"));
        QCOMPARE(int(r.status), int(RefineResult::Status::Refined));
        QVERIFY(r.scene.source.edits.endGrips);
        QVERIFY(draws(r));
        const auto grips = [](const scene::Scene &s) {
            return std::count_if(s.elements.begin(), s.elements.end(), [](const scene::SceneElement &e) {
                return e.type == scene::ElementType::Grip;
            });
        };
        QVERIFY(grips(r.scene) > grips(fillet));
        // Asked again, nothing is left to add: said so.
        const RefineResult again =
            SceneRefiner::builtin().refine(r.scene, QStringLiteral("grips at the ends"));
        QCOMPARE(int(again.status), int(RefineResult::Status::NotPossible));
    }

    void notUnderstoodSuggestsWhatWorks()
    {
        const scene::Scene gear = sceneOf(QStringLiteral("gear"));
        const RefineResult r = SceneRefiner::builtin().refine(gear, QStringLiteral("more purple please"));
        QCOMPARE(int(r.status), int(RefineResult::Status::NotUnderstood));
        QVERIFY(!r.suggestions.isEmpty());
        QVERIFY(r.suggestions.size() <= 5);
        for (const QString &s : r.suggestions) {
            const RefineResult tried = SceneRefiner::builtin().refine(gear, s);
            QVERIFY2(tried.status == RefineResult::Status::Refined, qPrintable(s + ": " + tried.message));
        }
    }

    void freeSceneTakesEditsNotParameters()
    {
        scene::Scene free = sceneOf(QStringLiteral("fillet"));
        free.source = {};
        free.parameters.clear();
        free.values.clear();
        const RefineResult r = SceneRefiner::builtin().refine(free, QStringLiteral("flip it upside down"));
        QCOMPARE(int(r.status), int(RefineResult::Status::Refined));
        QVERIFY(draws(r));
        QCOMPARE(int(SceneRefiner::builtin().refine(free, QStringLiteral("twelve teeth")).status),
                 int(RefineResult::Status::NotUnderstood));
    }
};

QTEST_GUILESS_MAIN(TestSceneRefiner)
#include "tst_scenerefiner.moc"
