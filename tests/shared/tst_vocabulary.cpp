// The built-in vocabulary: every recipe compiles; every concept draws three distinct, design-conforming
// variants in both palettes; distinct concepts draw distinct pictures; parameters change the picture;
// scenes can be built again from their source with edited values. And the recipe compiler's own
// errors name the place in the file.
#include "icons/designcheck.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "svg/svgsanitizer.h"
#include "vocabulary/iconengine.h"

#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSvgRenderer>
#include <QTest>

using namespace vocab;

namespace {

QImage raster(const QString &svg)
{
    QImage image(32, 32, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(svg.toUtf8());
    QPainter painter(&image);
    renderer.render(&painter);
    return image;
}

Interpretation alone(const Concept *c)
{
    Interpretation in;
    in.drawn = c;
    if (c->role == Concept::Role::Operation)
        in.operation = c;
    else
        in.subject = c;
    return in;
}

QString svgOf(const EngineVariant &v, ColorMode mode = ColorMode::Dark)
{
    return scene::SceneRenderer::render(v.scene, mode, QStringLiteral("vocabulary")).svg;
}

std::unique_ptr<Vocabulary> compile(const QByteArray &concepts)
{
    const QByteArray file =
        R"({"format": "parametric-icons/vocabulary", "version": 1, "category": "sketching",
                                "concepts": [)" +
        concepts + "]}";
    return Vocabulary::fromFiles({{QStringLiteral("test.json"), file}},
                                 R"({"vocabularyVersion": 1, "categories": ["sketching"]})");
}

} // namespace

class TestVocabulary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsWithoutErrors()
    {
        const Vocabulary &v = Vocabulary::builtin();
        QVERIFY2(v.errors().isEmpty(), qPrintable(v.errors().join(u'\n')));
        QVERIFY(v.concepts().size() >= 80);
        QVERIFY(v.version() >= 1);
        // Every category the engine promises has concepts.
        QSet<QString> categories;
        for (const Concept &c : v.concepts()) {
            categories.insert(c.category);
            QCOMPARE(c.variants.size(), 3);
        }
        for (const char *category :
             {"sketching", "editing", "constraints", "primitives", "mechanical", "solids", "surfaces",
              "transforms", "mesh", "analysis", "data", "annotation"})
            QVERIFY2(categories.contains(QString::fromLatin1(category)), category);
    }

    void everyConceptDrawsThreeConformingVariants_data()
    {
        QTest::addColumn<QString>("id");
        for (const Concept &c : Vocabulary::builtin().concepts())
            QTest::newRow(qPrintable(c.id)) << c.id;
    }
    void everyConceptDrawsThreeConformingVariants()
    {
        QFETCH(QString, id);
        const IconEngine &engine = IconEngine::builtin();
        const Concept *c = engine.vocabulary().find(id);
        QSet<QString> svgs, names;
        for (int variant = 0; variant < 3; ++variant) {
            QStringList errors;
            const auto built = engine.build(alone(c), variant, &errors);
            QVERIFY2(built, qPrintable(errors.join(u'\n')));
            names.insert(built->name);
            for (ColorMode mode : {ColorMode::Dark, ColorMode::Light}) {
                const scene::RenderResult r = scene::SceneRenderer::render(built->scene, mode, id);
                QVERIFY2(r.ok(), qPrintable(r.errors.value(0).toString()));
                const DesignReport report = checkIconDesign(r.svg, c->toolType);
                QVERIFY2(report.passes(),
                         qPrintable(
                             QStringLiteral("variant %1: %2").arg(variant).arg(report.warnings.join(u';'))));
                QCOMPARE(report.inferredToolType, c->toolType);
                const SvgSanitizeResult clean = SvgSanitizer::sanitize(r.svg, id);
                QVERIFY(clean.ok);
                QCOMPARE(clean.svg, r.svg);
                if (mode == ColorMode::Dark)
                    svgs.insert(r.svg);
            }
            // The scene stored is the scene drawn: it reads back and carries its source.
            const scene::SceneParseResult again = scene::SceneParser::fromJson(built->sceneJson);
            QVERIFY(again.ok());
            QCOMPARE(again.scene.source.variant, variant);
            QVERIFY(again.scene.source.concepts.contains(id));
        }
        QCOMPARE(svgs.size(), 3);  // three different depictions,
        QCOMPARE(names.size(), 3); // named apart
    }

    // Distinct concepts draw distinct pictures: no two concepts share their first variant at 32 px.
    void distinctConceptsDrawDistinctPictures()
    {
        const IconEngine &engine = IconEngine::builtin();
        QHash<QByteArray, QString> seen;
        for (const Concept &c : engine.vocabulary().concepts()) {
            const auto built = engine.build(alone(&c), 0, nullptr);
            QVERIFY(built);
            const QImage image = raster(svgOf(*built));
            const QByteArray key(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes());
            QVERIFY2(!seen.contains(key),
                     qPrintable(c.id + QStringLiteral(" looks like ") + seen.value(key)));
            seen.insert(key, c.id);
        }
    }

    // Every value of every parameter's range draws, in every variant (the extremes are where recipes break).
    void everyParameterRangeDraws()
    {
        const IconEngine &engine = IconEngine::builtin();
        for (const Concept &c : engine.vocabulary().concepts()) {
            for (const ParameterDef &p : c.parameters) {
                for (double value : {p.min, p.max, (p.min + p.max) / 2}) {
                    for (int variant = 0; variant < 3; ++variant) {
                        Interpretation in = alone(&c);
                        in.values.insert(p.name, value);
                        QStringList errors;
                        const auto built = engine.build(in, variant, &errors);
                        const QString where = QStringLiteral("%1.%2 = %3, variant %4: ")
                                                  .arg(c.id, p.name)
                                                  .arg(value)
                                                  .arg(variant);
                        QVERIFY2(built, qPrintable(where + errors.join(u';')));
                        const scene::RenderResult r =
                            scene::SceneRenderer::render(built->scene, ColorMode::Dark, c.id);
                        QVERIFY2(r.ok(), qPrintable(where + r.errors.value(0).toString()));
                        QVERIFY2(checkIconDesign(r.svg, c.toolType).passes(), qPrintable(where));
                    }
                }
            }
        }
    }

    // Every parameter changes some variant: a parameter that draws nothing would be a lie in the Inspector.
    void parametersChangeThePicture()
    {
        const IconEngine &engine = IconEngine::builtin();
        for (const Concept &c : engine.vocabulary().concepts()) {
            for (const ParameterDef &p : c.parameters) {
                const double other = p.type == ParameterDef::Type::Bool ? 1 - p.defaultValue
                                     : p.defaultValue < p.max           ? p.max
                                                                        : p.min;
                bool changed = false;
                for (int variant = 0; variant < 3 && !changed; ++variant) {
                    Interpretation in = alone(&c);
                    const auto a = engine.build(in, variant, nullptr);
                    in.values.insert(p.name, other);
                    QStringList errors;
                    const auto b = engine.build(in, variant, &errors);
                    // Every value of the range draws (the extremes included).
                    QVERIFY2(a && b,
                             qPrintable(c.id + u'.' + p.name + QStringLiteral(": ") + errors.join(u';')));
                    const scene::RenderResult rendered =
                        scene::SceneRenderer::render(b->scene, ColorMode::Dark, c.id);
                    QVERIFY2(rendered.ok(), qPrintable(c.id + u'.' + p.name + QStringLiteral(": ") +
                                                       rendered.errors.value(0).toString()));
                    changed = svgOf(*a) != rendered.svg;
                }
                QVERIFY2(changed, qPrintable(c.id + u'.' + p.name + QStringLiteral(" changes no variant")));
            }
        }
    }

    void scenesAreBuiltAgainFromTheirSource()
    {
        const IconEngine &engine = IconEngine::builtin();
        const Interpretation in = engine.interpreter().interpret(QStringLiteral("polar array of 6 gears"));
        const auto first = engine.build(in, 0, nullptr);
        QVERIFY(first);
        // The schema names both concepts' parameters.
        QStringList names;
        for (const scene::ParameterSpec &p : first->scene.parameters)
            names << p.name;
        QVERIFY(names.contains(QStringLiteral("polar-array.count")));
        QVERIFY(names.contains(QStringLiteral("gear.teeth")));
        // Same values → same scene.
        QStringList errors;
        const auto same = engine.instantiate(first->scene.source, first->scene.values, &errors);
        QVERIFY2(same, qPrintable(errors.join(u';')));
        QCOMPARE(same->sceneJson, first->sceneJson);
        // Edited values → another drawing with those values.
        QVariantMap edited = first->scene.values;
        edited.insert(QStringLiteral("gear.teeth"), 12);
        edited.insert(QStringLiteral("polar-array.count"), 4);
        const auto changed = engine.instantiate(first->scene.source, edited, &errors);
        QVERIFY(changed);
        QCOMPARE(changed->scene.values.value(QStringLiteral("gear.teeth")).toInt(), 12);
        QVERIFY(svgOf(*changed) != svgOf(*first));
        // Out of range and unknown names are errors that name the parameter and its range.
        errors.clear();
        QVERIFY(!engine.instantiate(first->scene.source, {{QStringLiteral("gear.teeth"), 99}}, &errors));
        QCOMPARE(errors.value(0), QStringLiteral("gear.teeth must be a whole number from 6 to 24."));
        errors.clear();
        QVERIFY(!engine.instantiate(first->scene.source, {{QStringLiteral("gear.colour"), 1}}, &errors));
        QCOMPARE(errors.value(0), QStringLiteral("gear.colour is not a parameter of this icon."));
        // A case-drawn pair ("chamfer the corner of a box") is built again the same way.
        const Interpretation pair =
            engine.interpreter().interpret(QStringLiteral("chamfer the corner of a box"));
        const auto chamfer = engine.build(pair, 2, nullptr);
        QVERIFY(chamfer);
        QCOMPARE(engine.instantiate(chamfer->scene.source, chamfer->scene.values, nullptr)->sceneJson,
                 chamfer->sceneJson);
    }

    // The compiler reports recipe mistakes with their place, and keeps the good concepts.
    void recipeErrorsNameTheirPlace()
    {
        const QByteArray good = R"({"id": "dot", "name": "Dot", "toolType": "drawing", "words": ["dot"],
            "variants": [
              {"name": "A", "draw": [{"type": "line", "layer": "guide", "from": [4, 4], "to": [8, 8]}]},
              {"name": "B", "draw": [{"type": "line", "layer": "guide", "from": [4, 4], "to": [9, 9]}]},
              {"name": "C", "draw": [{"type": "line", "layer": "guide", "from": [4, 4], "to": [10, 10]}]}]})";
        auto v = compile(good);
        QVERIFY2(v->errors().isEmpty(), qPrintable(v->errors().join(u'\n')));
        QCOMPARE(v->concepts().size(), 1);

        QByteArray bad = good;
        bad.replace(R"("to": [9, 9])", R"("to": ["r0 + 1", 9])");
        v = compile(bad);
        QCOMPARE(v->errors().value(0).left(89),
                 QStringLiteral(
                     "dot (test.json): variants[1].draw[0].to[0]: unknown variable 'r0' at 0 in \"r0 + 1\""));
        QVERIFY(v->concepts().isEmpty());

        bad = good;
        bad.replace(R"({"name": "C")", R"({"name": "C", "size": 3)");
        QVERIFY(compile(bad)->errors().value(0).contains(QStringLiteral("variants[2].size: unknown key")));

        bad = good;
        bad.replace(R"({"type": "line", "layer": "guide", "from": [4, 4], "to": [8, 8]})",
                    R"({"use": "dot"})");
        QVERIFY(compile(bad)->errors().join(u'\n').contains(QStringLiteral("use each other in a circle")));

        // Definitions may come in any order; a circle among them is an error.
        QByteArray lets = good;
        lets.replace(R"("words": ["dot"],)", R"("words": ["dot"], "let": {"b": "a + 1", "a": 2},)");
        QVERIFY(compile(lets)->errors().isEmpty());
        lets = good;
        lets.replace(R"("words": ["dot"],)", R"("words": ["dot"], "let": {"b": "a + 1", "a": "b"},)");
        QVERIFY(
            compile(lets)->errors().join(u'\n').contains(QStringLiteral("refer to each other in a circle")));
    }
};

QTEST_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
