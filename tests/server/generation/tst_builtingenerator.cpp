#include "errormapping.h"
#include "generation/builtingenerator.h"
#include "icons/designcheck.h"
#include "icons/icondesign.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "svg/svgsanitizer.h"

#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QSet>
#include <QSvgRenderer>
#include <QTest>

#include <algorithm>
#include <cmath>

using errormapping::httpErrorFor;

namespace {

QImage render(const QString &svg)
{
    QSvgRenderer renderer(svg.toUtf8());
    QImage image(128, 128, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    return image;
}

int opaquePixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            n += qAlpha(image.pixel(x, y)) > 0;
    }
    return n;
}

GenerationResult generate(const QString &prompt, int count, ColorMode mode = ColorMode::Dark,
                          const QString &seed = QStringLiteral("asset-1"))
{
    GenerationRequest r;
    r.prompt = prompt;
    r.variantCount = count;
    r.colorMode = mode;
    r.seed = seed;
    return BuiltinGenerator::run(r);
}

} // namespace

class TestBuiltinGenerator : public QObject
{
    Q_OBJECT

private:
    // Everything an icon must satisfy; `type` is the tool type it is checked against.
    void verifyIcon(const GeneratedVariant &v, ToolType type, const QString &seed)
    {
        QVERIFY2(!v.name.trimmed().isEmpty(), "variant without a name");
        QVERIFY2(v.warnings.isEmpty(), qPrintable(v.warnings.join(QStringLiteral("; "))));

        // The renderer writes what the sanitiser would: its output is a fixed point.
        const SvgSanitizeResult again = SvgSanitizer::sanitize(v.svg, seed);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.svg, v.svg);

        // The design check passes for the tool type and reads the same type from the layers.
        const DesignReport report = checkIconDesign(v.svg, type);
        QVERIFY2(report.passes(),
                 qPrintable(report.warnings.join(QStringLiteral("; ")) + QStringLiteral("\n") + v.svg));
        QCOMPARE(report.inferredToolType, type);

        // QtSvg draws it, and it draws something.
        QSvgRenderer renderer(v.svg.toUtf8());
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, 32, 32));
        QVERIFY(opaquePixels(render(v.svg)) > 100);

        // The stored scene is valid and renders back to the same SVG.
        QVERIFY(!v.scene.isEmpty());
        const scene::SceneParseResult parsed = scene::SceneParser::fromJson(v.scene);
        QVERIFY2(parsed.ok(), qPrintable(parsed.messages().join(QStringLiteral("; "))));
        QCOMPARE(parsed.scene.toolType, type);
    }

private Q_SLOTS:
    // Every keyword the generator knew before the engine is still understood and drawn by the conceptId
    // of that name.
    void oldKeywordsAreStillUnderstood_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("conceptId");
        const QList<std::pair<const char *, const char *>> tools{{"line", "line"},
                                                                 {"polyline", "polyline"},
                                                                 {"arc", "arc"},
                                                                 {"circle", "circle"},
                                                                 {"ellipse", "ellipse"},
                                                                 {"rectangle", "rectangle"},
                                                                 {"polygon", "polygon"},
                                                                 {"curve", "curve"},
                                                                 {"spline", "spline"},
                                                                 {"point", "point"},
                                                                 {"grid", "grid"},
                                                                 {"arch", "arch"},
                                                                 {"spiral", "spiral"},
                                                                 {"offset", "offset"},
                                                                 {"fillet", "fillet"},
                                                                 {"chamfer", "chamfer"},
                                                                 {"trim", "trim"},
                                                                 {"extend", "extend"},
                                                                 {"split", "split"},
                                                                 {"join", "join"},
                                                                 {"mirror", "mirror"},
                                                                 {"rotate", "rotate"},
                                                                 {"scale", "scale"},
                                                                 {"move", "move"},
                                                                 {"copy", "copy"},
                                                                 {"polar array", "polar-array"},
                                                                 {"array", "array"},
                                                                 {"extrude", "extrude"},
                                                                 {"loft", "loft"},
                                                                 {"sweep", "sweep"},
                                                                 {"revolve", "revolve"},
                                                                 {"divide", "divide"},
                                                                 {"project", "project"},
                                                                 {"intersect", "intersect"},
                                                                 {"union", "union"},
                                                                 {"difference", "difference"},
                                                                 {"contour", "contour"},
                                                                 {"blend", "blend"},
                                                                 {"explode", "explode"},
                                                                 {"distance", "distance"},
                                                                 {"angle", "angle"},
                                                                 {"area", "area"},
                                                                 {"curvature", "curvature"},
                                                                 {"length", "length"},
                                                                 {"radius", "radius"},
                                                                 {"closest point", "closest-point"}};
        QCOMPARE(tools.size(), 46);
        for (const auto &[prompt, conceptId] : tools)
            QTest::newRow(prompt) << QString::fromLatin1(prompt) << QString::fromLatin1(conceptId);
    }
    void oldKeywordsAreStillUnderstood()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, conceptId);
        const GenerationResult result = generate(prompt, 3);
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message() : QString()));
        QCOMPARE(result.variants.size(), 3);
        QVERIFY(result.interpretation.has_value());
        const QJsonArray concepts = result.interpretation->value(QLatin1String("concepts")).toArray();
        QVERIFY(!concepts.isEmpty());
        QCOMPARE(concepts.first().toObject().value(QLatin1String("id")).toString(), conceptId);
        QSet<QString> svgs, names;
        const auto type = scene::SceneParser::fromJson(result.variants.first().scene).scene.toolType;
        for (const GeneratedVariant &v : result.variants) {
            verifyIcon(v, type, QStringLiteral("asset-1:%1").arg(svgs.size()));
            if (QTest::currentTestFailed())
                return;
            svgs.insert(v.svg);
            names.insert(v.name);
        }
        QCOMPARE(svgs.size(), 3);  // three different icons
        QCOMPARE(names.size(), 3); // with three different names
    }

    void understandsPromptsLikeAUserWritesThem_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("summary");
        QTest::newRow("fillet two curves") << "fillet two curves"
                                           << "fillet · curve";
        QTest::newRow("plural") << "Circles"
                                << "circle";
        QTest::newRow("operation before subject") << "area of a circle"
                                                  << "area · circle";
        QTest::newRow("subject before operation") << "circle area"
                                                  << "area · circle";
        QTest::newRow("phrase beats word") << "polar array of bolts"
                                           << "polar array · bolt";
        QTest::newRow("array alone") << "array the selected objects"
                                     << "array";
        QTest::newRow("synonym") << "Measure the gap between two walls"
                                 << "distance";
        QTest::newRow("synonym 2") << "round corner between lines"
                                   << "fillet · line";
        QTest::newRow("hyphen") << "3-point arc"
                                << "arc";
        QTest::newRow("boolean") << "Boolean difference of two solids"
                                 << "boolean difference";
        QTest::newRow("mixed case, punctuation") << "EXTRUDE!!! a closed curve..."
                                                 << "extrude · curve";
        QTest::newRow("not a substring") << "polylines everywhere"
                                         << "polyline";
        QTest::newRow("composition with a case") << "chamfer the corner of a box"
                                                 << "chamfer · box";
        QTest::newRow("gear with words for numbers") << "gear with eight teeth"
                                                     << "gear";
    }
    void understandsPromptsLikeAUserWritesThem()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, summary);
        const GenerationResult result = generate(prompt, 1);
        QVERIFY2(result.ok(), qPrintable(prompt));
        QCOMPARE(result.interpretation->value(QLatin1String("summary")).toString(), summary);
    }

    void interpretationSaysWhatWasUnderstood()
    {
        const GenerationResult gear = generate(QStringLiteral("gear with eight teeth and a teapot"), 1);
        QVERIFY(gear.ok());
        const QJsonObject in = *gear.interpretation;
        QCOMPARE(in.value(QLatin1String("summary")).toString(), QStringLiteral("gear"));
        const QJsonArray parameters = in.value(QLatin1String("parameters")).toArray();
        QCOMPARE(parameters.size(), 1);
        QCOMPARE(parameters.at(0).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("teeth"));
        QCOMPARE(parameters.at(0).toObject().value(QLatin1String("value")).toInt(), 8);
        QCOMPARE(in.value(QLatin1String("ignoredWords")).toArray(), QJsonArray{QStringLiteral("teapot")});
        // The drawing follows: eight teeth are 32 outline points.
        const scene::SceneParseResult parsed = scene::SceneParser::fromJson(gear.variants.first().scene);
        QCOMPARE(parsed.scene.values.value(QStringLiteral("gear.teeth")).toInt(), 8);
    }

    void unknownPromptsGet422WithSuggestions()
    {
        for (const QString &prompt :
             {QStringLiteral("a friendly cat"), QStringLiteral("xyzzy"), QStringLiteral("日本語のプロンプト"),
              QStringLiteral("?!"), QStringLiteral("wifi signal"), QStringLiteral("chamfre")}) {
            const GenerationResult result = generate(prompt, 3);
            QVERIFY2(!result.ok(), qPrintable(prompt));
            QVERIFY(result.variants.isEmpty());
            QCOMPARE(httpErrorFor(*result.error).status(), 422);
            QCOMPARE(result.error->code(), QStringLiteral("prompt_not_understood"));
            const QJsonArray suggestions =
                httpErrorFor(*result.error).details().value(QLatin1String("suggestions")).toArray();
            QVERIFY2(!suggestions.isEmpty() && suggestions.size() <= 5, qPrintable(prompt));
        }
        // A near miss suggests what was meant.
        const GenerationResult typo = generate(QStringLiteral("chamfre"), 1);
        QVERIFY(httpErrorFor(*typo.error)
                    .details()
                    .value(QLatin1String("suggestions"))
                    .toArray()
                    .contains(QStringLiteral("chamfer")));
    }

    void variantNamesFollowTheConcept()
    {
        const GenerationResult result = generate(QStringLiteral("fillet two curves"), 3);
        QVERIFY(result.ok());
        QCOMPARE(result.variants.at(0).name, QStringLiteral("Fillet"));
        QCOMPARE(result.variants.at(1).name, QStringLiteral("Fillet (Between Circles)"));
        QCOMPARE(result.variants.at(2).name, QStringLiteral("Fillet (All Corners)"));
        // An operation that draws its subject says so.
        const GenerationResult mirror = generate(QStringLiteral("mirror a bolt"), 1);
        QCOMPARE(mirror.variants.at(0).name, QStringLiteral("Mirror · Bolt"));
    }

    void variantCountIsHonouredAndClamped()
    {
        QCOMPARE(generate(QStringLiteral("circle"), 1).variants.size(), 1);
        QCOMPARE(generate(QStringLiteral("circle"), 2).variants.size(), 2);
        QCOMPARE(generate(QStringLiteral("circle"), 0).variants.size(), 1);
        QCOMPARE(generate(QStringLiteral("circle"), 9).variants.size(), 3);
    }

    void colourModeSwitchesPalettes()
    {
        const GenerationResult dark = generate(QStringLiteral("offset a curve"), 3, ColorMode::Dark);
        const GenerationResult light = generate(QStringLiteral("offset a curve"), 3, ColorMode::Light);
        QVERIFY(dark.ok() && light.ok());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(dark.variants[i].svg != light.variants[i].svg);
            QVERIFY(dark.variants[i].svg.contains(QLatin1String(palette(ColorMode::Dark).primary),
                                                  Qt::CaseInsensitive));
            QVERIFY(light.variants[i].svg.contains(QLatin1String(palette(ColorMode::Light).primary),
                                                   Qt::CaseInsensitive));
            QVERIFY(!light.variants[i].svg.contains(QLatin1String(palette(ColorMode::Dark).context),
                                                    Qt::CaseInsensitive));
            QVERIFY(render(dark.variants[i].svg) != render(light.variants[i].svg));
            QCOMPARE(dark.variants[i].scene, light.variants[i].scene); // one scene, two palettes
        }
    }

    void deterministic()
    {
        for (const QString &prompt : {QStringLiteral("chamfer"), QStringLiteral("polar array of gears")}) {
            const GenerationResult a = generate(prompt, 3);
            const GenerationResult b = generate(prompt, 3);
            QCOMPARE(a.variants.size(), b.variants.size());
            for (int i = 0; i < a.variants.size(); ++i) {
                QCOMPARE(a.variants[i].svg, b.variants[i].svg);
                QCOMPARE(a.variants[i].name, b.variants[i].name);
                QCOMPARE(a.variants[i].scene, b.variants[i].scene);
            }
            QCOMPARE(a.interpretation, b.interpretation);
        }
        // Case and spacing do not change the icon.
        QCOMPARE(generate(QStringLiteral("  Rotate   Object "), 1).variants[0].svg,
                 generate(QStringLiteral("rotate object"), 1).variants[0].svg);
    }

    void storedScenesRenderTheStoredSvg()
    {
        const GenerationResult result = generate(QStringLiteral("polar array of 6 gears"), 3);
        QVERIFY(result.ok());
        for (int i = 0; i < 3; ++i) {
            const scene::SceneParseResult parsed = scene::SceneParser::fromJson(result.variants[i].scene);
            QVERIFY(parsed.ok());
            const scene::RenderResult again = scene::SceneRenderer::render(
                parsed.scene, ColorMode::Dark, QStringLiteral("asset-1:%1").arg(i));
            QVERIFY(again.ok());
            QCOMPARE(again.svg, result.variants[i].svg);
            QCOMPARE(parsed.scene.values.value(QStringLiteral("polar-array.count")).toInt(), 6);
            QCOMPARE(parsed.scene.source.operation, QStringLiteral("polar-array"));
            QCOMPARE(parsed.scene.source.subject, QStringLiteral("gear"));
        }
    }

    void generateCallsBackOnceSynchronously()
    {
        BuiltinGenerator generator;
        QCOMPARE(generator.name(), QStringLiteral("builtin"));
        int calls = 0;
        GenerationResult got;
        GenerationRequest r;
        r.prompt = QStringLiteral("fillet two curves");
        r.variantCount = 3;
        generator.generate(r, [&](GenerationResult result) {
            ++calls;
            got = std::move(result);
        });
        QCOMPARE(calls, 1);
        QVERIFY(got.ok());
        QCOMPARE(got.variants.size(), 3);
    }
};

QTEST_MAIN(TestBuiltinGenerator)
#include "tst_builtingenerator.moc"
