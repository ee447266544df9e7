#include "icons/designcheck.h"
#include "icons/icondesign.h"
#include "svg/svgsanitizer.h"

#include <QColor>
#include <QFile>
#include <QtTest>

#include <cmath>

namespace {

// Builds an icon from layer contents; an empty string leaves the layer out.
QString icon(const QString &guide, const QString &context, const QString &primary, const QString &grips,
             const QString &viewBox = QStringLiteral("0 0 32 32"), const QString &extra = {})
{
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%1\">").arg(viewBox);
    if (!guide.isNull())
        svg += QStringLiteral(
                   "<g id=\"Guide\" stroke=\"#71717a\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\" "
                   "fill=\"none\">") +
               guide + QStringLiteral("</g>");
    if (!context.isNull())
        svg += QStringLiteral("<g id=\"Context\" stroke=\"#52525b\" stroke-width=\"0.5\" fill=\"none\">") +
               context + QStringLiteral("</g>");
    if (!primary.isNull())
        svg += QStringLiteral("<g id=\"Primary\" stroke=\"#000\" stroke-width=\"1\" fill=\"none\">") +
               primary + QStringLiteral("</g>");
    if (!grips.isNull())
        svg += QStringLiteral("<g id=\"Grips\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"0.5\">") + grips +
               QStringLiteral("</g>");
    return svg + extra + QStringLiteral("</svg>");
}

const QString guideLine = QStringLiteral("<line x1=\"4\" y1=\"28\" x2=\"28\" y2=\"28\"/>");
const QString arch = QStringLiteral("<path d=\"M 4,28 Q 4,4 16,4 Q 28,4 28,28\"/>");
const QString archGrips = QStringLiteral("<rect x=\"3\" y=\"27\" width=\"2\" height=\"2\"/>"
                                         "<rect x=\"15\" y=\"3\" width=\"2\" height=\"2\"/>"
                                         "<rect x=\"27\" y=\"27\" width=\"2\" height=\"2\"/>");

// WCAG relative luminance contrast.
double contrast(const char *a, const char *b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(QColor(QString::fromLatin1(a)));
    const double lb = luminance(QColor(QString::fromLatin1(b)));
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestDesignCheck : public QObject
{
    Q_OBJECT

private slots:
    void designValues();
    void darkPaletteIsTheOriginal();
    void lightPaletteIsLightInkForDarkToolbars();
    void conformingIconsPass_data();
    void conformingIconsPass();
    void sanitizedIconStillPasses();
    void viewBox();
    void boundsOfEveryShape_data();
    void boundsOfEveryShape();
    void curvesAreCheckedAlongThePath();
    void grips();
    void layersPerToolType_data();
    void layersPerToolType();
    void withoutToolType();
    void geometryOutsideLayers();
    void unreadableInput();
};

void TestDesignCheck::designValues()
{
    QCOMPARE(IconDesign::canvasSize, 32);
    QCOMPARE(QString::fromLatin1(IconDesign::viewBox), QStringLiteral("0 0 32 32"));
    QCOMPARE(IconDesign::boundsMin, 4.0);
    QCOMPARE(IconDesign::boundsMax, 28.0);
    QCOMPARE(IconDesign::gripSize, 2.0);
    QCOMPARE(IconDesign::layerStyle(IconLayer::Guide).strokeWidth, 0.25);
    QCOMPARE(QString::fromLatin1(IconDesign::layerStyle(IconLayer::Guide).dashArray), QStringLiteral("2 1"));
    QCOMPARE(IconDesign::layerStyle(IconLayer::Context).strokeWidth, 0.5);
    QCOMPARE(IconDesign::layerStyle(IconLayer::Primary).strokeWidth, 1.0);
    QVERIFY(IconDesign::layerStyle(IconLayer::Primary).roundCapsAndJoins);
    QCOMPARE(IconDesign::layerStyle(IconLayer::Grips).strokeWidth, 0.5);
    QCOMPARE(IconDesign::layerId(IconLayer::Grips), QStringLiteral("Grips"));
    QCOMPARE(IconDesign::requiredLayers(ToolType::Drawing),
             (QList<IconLayer>{IconLayer::Guide, IconLayer::Primary, IconLayer::Grips}));
    QCOMPARE(IconDesign::requiredLayers(ToolType::Analysis),
             (QList<IconLayer>{IconLayer::Context, IconLayer::Grips}));
    QCOMPARE(IconDesign::requiredLayers(ToolType::Modification),
             (QList<IconLayer>{IconLayer::Context, IconLayer::Primary, IconLayer::Grips}));
    QCOMPARE(IconDesign::toolTypeFromName(u"Analysis"), ToolType::Analysis);
    QVERIFY(!IconDesign::toolTypeFromName(u"other"));
    QCOMPARE(IconDesign::colorModeFromName(u"light"), ColorMode::Light);
    QCOMPARE(IconDesign::colorModeName(ColorMode::Dark), QStringLiteral("dark"));
}

void TestDesignCheck::darkPaletteIsTheOriginal()
{
    const Palette &p = palette(ColorMode::Dark);
    QCOMPARE(QColor(QString::fromLatin1(p.guide)), QColor(QStringLiteral("#71717a")));
    QCOMPARE(QColor(QString::fromLatin1(p.context)), QColor(QStringLiteral("#52525b")));
    QCOMPARE(QColor(QString::fromLatin1(p.secondary)), QColor(QStringLiteral("#52525b")));
    QCOMPARE(QColor(QString::fromLatin1(p.primary)), QColor(QStringLiteral("#000000")));
    QCOMPARE(QColor(QString::fromLatin1(p.grip)), QColor(QStringLiteral("#FFFFFF")));
    QCOMPARE(QColor(QString::fromLatin1(p.gripStroke)), QColor(QStringLiteral("#000000")));
}

void TestDesignCheck::lightPaletteIsLightInkForDarkToolbars()
{
    const Palette &light = palette(ColorMode::Light);
    const Palette &dark = palette(ColorMode::Dark);
    // Not a copy of dark (the original's bug).
    QVERIFY(QByteArray(light.primary) != QByteArray(dark.primary));
    QVERIFY(QByteArray(light.context) != QByteArray(dark.context));
    QVERIFY(QByteArray(light.guide) != QByteArray(dark.guide));
    // Light ink that reads on a dark toolbar, with the hierarchy Primary > Context > Guide.
    const char *toolbar = "#18181b";
    QVERIFY(contrast(light.primary, toolbar) >= 4.5); // WCAG AA for the output geometry
    QVERIFY(contrast(light.context, toolbar) >= 4.5);
    QVERIFY(contrast(light.guide, toolbar) >= 2.0); // visible, yet recessive
    QVERIFY(contrast(light.primary, toolbar) > contrast(light.context, toolbar));
    QVERIFY(contrast(light.context, toolbar) > contrast(light.guide, toolbar));
    // Grips: squares whose outline reads against the canvas and against their own fill.
    QVERIFY(contrast(light.gripStroke, toolbar) >= 4.5);
    QVERIFY(contrast(light.grip, light.gripStroke) >= 4.5);
}

void TestDesignCheck::conformingIconsPass_data()
{
    QTest::addColumn<QString>("svg");
    QTest::addColumn<ToolType>("type");
    QTest::newRow("drawing: arch") << icon(guideLine, QString(), arch, archGrips) << ToolType::Drawing;
    QTest::newRow("analysis: distance")
        << icon(QString(), QStringLiteral("<line x1=\"6\" y1=\"26\" x2=\"26\" y2=\"6\"/>"), QString(),
                QStringLiteral(
                    "<rect x=\"5\" y=\"25\" width=\"2\" height=\"2\"/><rect x=\"25\" y=\"5\" width=\"2\" "
                    "height=\"2\"/>"))
        << ToolType::Analysis;
    QTest::newRow("modification: fillet")
        << icon(QString(), QStringLiteral("<path d=\"M4 28V10\"/><path d=\"M10 4H28\"/>"),
                QStringLiteral("<path d=\"M4 12A8 8 0 0 1 12 4\"/>"),
                QStringLiteral(
                    "<rect x=\"3\" y=\"11\" width=\"2\" height=\"2\"/><rect x=\"11\" y=\"3\" width=\"2\" "
                    "height=\"2\"/>"))
        << ToolType::Modification;
    QTest::newRow("every shape kind")
        << icon(
               QStringLiteral("<polyline points=\"4,16 16,4 28,16\"/>"),
               QStringLiteral(
                   "<circle cx=\"16\" cy=\"16\" r=\"12\"/><ellipse cx=\"16\" cy=\"16\" rx=\"12\" ry=\"6\"/>"),
               QStringLiteral(
                   "<polygon points=\"4,4 28,4 16,28\"/><rect x=\"8\" y=\"8\" width=\"16\" height=\"16\"/>"
                   "<path d=\"m4 4 h24 v24 h-24 z\"/>"),
               QStringLiteral("<rect x=\"27\" y=\"27\" width=\"2\" height=\"2\"/>"))
        << ToolType::Modification;
    QTest::newRow("transform keeps it inside")
        << icon(guideLine, QString(),
                QStringLiteral(
                    "<g transform=\"translate(16 16)\"><line x1=\"-12\" y1=\"0\" x2=\"12\" y2=\"0\"/></g>"),
                QStringLiteral("<rect x=\"3\" y=\"15\" width=\"2\" height=\"2\"/>"))
        << ToolType::Drawing;
}

void TestDesignCheck::conformingIconsPass()
{
    QFETCH(QString, svg);
    QFETCH(ToolType, type);
    const DesignReport typed = checkIconDesign(svg, type);
    QVERIFY2(typed.passes(), qPrintable(typed.warnings.join(u'\n')));
    const DesignReport untyped = checkIconDesign(svg);
    QVERIFY2(untyped.passes(), qPrintable(untyped.warnings.join(u'\n')));
    QCOMPARE(untyped.inferredToolType, std::optional<ToolType>(type));
}

void TestDesignCheck::sanitizedIconStillPasses()
{
    // Layer ids carry the sanitiser's scope suffix; the check recognises them by prefix.
    QFile file(QStringLiteral(SVG_TEST_DATA_DIR "/benign/arch_tool.svg"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const SvgSanitizeResult sanitized =
        SvgSanitizer::sanitize(QString::fromUtf8(file.readAll()), QStringLiteral("x"));
    QVERIFY(sanitized.ok);
    QVERIFY(sanitized.svg.contains(QStringLiteral("id=\"Guide_")));
    const DesignReport report = checkIconDesign(sanitized.svg, ToolType::Drawing);
    QVERIFY2(report.passes(), qPrintable(report.warnings.join(u'\n')));
}

void TestDesignCheck::viewBox()
{
    DesignReport report =
        checkIconDesign(icon(guideLine, QString(), arch, archGrips, QStringLiteral("0 0 24 24")));
    QCOMPARE(report.warnings,
             QStringList{QStringLiteral("The viewBox must be \"0 0 32 32\", not \"0 0 24 24\".")});
    QString noViewBox = icon(guideLine, QString(), arch, archGrips);
    noViewBox.remove(QStringLiteral(" viewBox=\"0 0 32 32\""));
    report = checkIconDesign(noViewBox);
    QCOMPARE(report.warnings,
             QStringList{QStringLiteral("The icon has no viewBox; it must be \"0 0 32 32\".")});
    QVERIFY(
        checkIconDesign(icon(guideLine, QString(), arch, archGrips, QStringLiteral("0,0,32,32"))).passes());
}

void TestDesignCheck::boundsOfEveryShape_data()
{
    QTest::addColumn<QString>("primary");
    QTest::addColumn<QString>("warning");
    const QString w = QStringLiteral("Primary geometry leaves the 4–28 bounds at %1.");
    QTest::newRow("line") << QStringLiteral("<line x1=\"4\" y1=\"12\" x2=\"30\" y2=\"12\"/>")
                          << w.arg(QStringLiteral("(30, 12)"));
    QTest::newRow("rect") << QStringLiteral("<rect x=\"2\" y=\"8\" width=\"10\" height=\"10\"/>")
                          << w.arg(QStringLiteral("(2, 8)"));
    QTest::newRow("circle") << QStringLiteral("<circle cx=\"16\" cy=\"16\" r=\"13\"/>")
                            << w.arg(QStringLiteral("(29, 16)"));
    QTest::newRow("ellipse") << QStringLiteral("<ellipse cx=\"16\" cy=\"16\" rx=\"4\" ry=\"12.5\"/>")
                             << w.arg(QStringLiteral("(16, 28.5)"));
    QTest::newRow("polyline") << QStringLiteral("<polyline points=\"4,4 16,3.5 28,4\"/>")
                              << w.arg(QStringLiteral("(16, 3.5)"));
    QTest::newRow("polygon") << QStringLiteral("<polygon points=\"4,4 28,4 -1,28\"/>")
                             << w.arg(QStringLiteral("(-1, 28)"));
    QTest::newRow("path absolute") << QStringLiteral("<path d=\"M4 4 L 28 4 L 28 31\"/>")
                                   << w.arg(QStringLiteral("(28, 31)"));
    QTest::newRow("path relative h") << QStringLiteral("<path d=\"m4 4 h30\"/>")
                                     << w.arg(QStringLiteral("(34, 4)"));
    QTest::newRow("path relative v") << QStringLiteral("<path d=\"M4 4 v10 v-12\"/>")
                                     << w.arg(QStringLiteral("(4, 2)"));
    QTest::newRow("path after close")
        << QStringLiteral("<path d=\"M10 10 h5 v5 z l-7 0\"/>") << w.arg(QStringLiteral("(3, 10)"));
    QTest::newRow("transformed group")
        << QStringLiteral("<g transform=\"translate(10,0)\"><line x1=\"4\" y1=\"4\" x2=\"25\" y2=\"4\"/></g>")
        << w.arg(QStringLiteral("(35, 4)"));
    QTest::newRow("transformed shape")
        << QStringLiteral("<rect x=\"4\" y=\"4\" width=\"24\" height=\"24\" transform=\"rotate(45 16 16)\"/>")
        << w.arg(QStringLiteral("(16, -0.97)"));
}

void TestDesignCheck::boundsOfEveryShape()
{
    QFETCH(QString, primary);
    QFETCH(QString, warning);
    const DesignReport report =
        checkIconDesign(icon(guideLine, QString(), primary, archGrips), ToolType::Drawing);
    QCOMPARE(report.warnings, QStringList{warning});
}

void TestDesignCheck::curvesAreCheckedAlongThePath()
{
    // Control points outside, curve inside: passes.
    QVERIFY(checkIconDesign(
                icon(guideLine, QString(), QStringLiteral("<path d=\"M4 16 C4 0 28 0 28 16\"/>"), archGrips))
                .passes());
    // Endpoints inside, the arc bulges out: caught.
    const DesignReport arc = checkIconDesign(
        icon(guideLine, QString(), QStringLiteral("<path d=\"M8 16 A12 12 0 1 1 24 16\"/>"), archGrips));
    QCOMPARE(arc.warnings.size(), 1);
    QVERIFY2(arc.warnings.first().startsWith(QStringLiteral("Primary geometry leaves the 4–28 bounds at (")),
             qPrintable(arc.warnings.first()));
    // Smooth and quadratic shorthand: T reflects its control point and bulges below y = 28.
    const DesignReport smooth = checkIconDesign(
        icon(guideLine, QString(), QStringLiteral("<path d=\"M4 16 Q10 4 16 16 T28 16\"/>"), archGrips));
    QVERIFY(smooth.passes());
    const DesignReport bulge = checkIconDesign(
        icon(guideLine, QString(),
             QStringLiteral("<path d=\"M4 20 Q10 12 16 20 T28 20 M4 26 q6 -6 12 0 t12 0 s4 10 0 2\"/>"),
             archGrips));
    QCOMPARE(bulge.warnings.size(), 1);
}

void TestDesignCheck::grips()
{
    QCOMPARE(checkIconDesign(icon(guideLine, QString(), arch,
                                  QStringLiteral("<rect x=\"3\" y=\"3\" width=\"3\" height=\"2\"/>")))
                 .warnings,
             QStringList{QStringLiteral("The grip at (4.5, 4) is not a 2×2 square.")});
    QCOMPARE(checkIconDesign(
                 icon(guideLine, QString(), arch, QStringLiteral("<circle cx=\"16\" cy=\"4\" r=\"1\"/>")))
                 .warnings,
             QStringList{QStringLiteral("The Grips layer contains a <circle>; grips must be 2×2 rects.")});
    QCOMPARE(checkIconDesign(
                 icon(guideLine, QString(), arch,
                      QStringLiteral(
                          "<rect x=\"15\" y=\"15\" width=\"2\" height=\"2\" transform=\"scale(1.5)\"/>")))
                 .warnings.first(),
             QStringLiteral("The grip at (24, 24) is not a 2×2 square."));
    QCOMPARE(checkIconDesign(icon(guideLine, QString(), arch,
                                  QStringLiteral("<rect x=\"28\" y=\"15\" width=\"2\" height=\"2\"/>")))
                 .warnings,
             QStringList{QStringLiteral("A grip leaves the 3–29 bounds at (30, 15).")});
    // Grips on the corners of the bounds reach exactly 3 and 29.
    QVERIFY(checkIconDesign(
                icon(guideLine, QString(), arch,
                     QStringLiteral("<rect x=\"3\" y=\"3\" width=\"2\" height=\"2\"/><rect x=\"27\" y=\"27\" "
                                    "width=\"2\" height=\"2\"/>")))
                .passes());
}

void TestDesignCheck::layersPerToolType_data()
{
    QTest::addColumn<QString>("svg");
    QTest::addColumn<ToolType>("type");
    QTest::addColumn<QStringList>("warnings");
    QTest::newRow("drawing without guide")
        << icon(QString(), QString(), arch, archGrips) << ToolType::Drawing
        << QStringList{QStringLiteral("A drawing icon needs a Guide layer.")};
    QTest::newRow("drawing without primary and grips")
        << icon(guideLine, QString(), QString(), QString()) << ToolType::Drawing
        << QStringList{QStringLiteral("A drawing icon needs a Primary layer."),
                       QStringLiteral("A drawing icon needs a Grips layer.")};
    QTest::newRow("analysis without context")
        << icon(QString(), QString(), arch, archGrips) << ToolType::Analysis
        << QStringList{QStringLiteral("An analysis icon needs a Context layer.")};
    QTest::newRow("modification with empty primary")
        << icon(QString(), guideLine, QStringLiteral(""), archGrips) << ToolType::Modification
        << QStringList{QStringLiteral("The Primary layer is empty.")};
    QTest::newRow("modification without grips")
        << icon(QString(), guideLine, arch, QString()) << ToolType::Modification
        << QStringList{QStringLiteral("A modification icon needs a Grips layer.")};
}

void TestDesignCheck::layersPerToolType()
{
    QFETCH(QString, svg);
    QFETCH(ToolType, type);
    QFETCH(QStringList, warnings);
    QCOMPARE(checkIconDesign(svg, type).warnings, warnings);
}

void TestDesignCheck::withoutToolType()
{
    QCOMPARE(checkIconDesign(icon(guideLine, QString(), QString(), archGrips)).warnings,
             QStringList{QStringLiteral("The icon needs a Primary or Context layer with geometry.")});
    QCOMPARE(checkIconDesign(icon(guideLine, QString(), arch, QString())).warnings,
             QStringList{QStringLiteral("The icon has no grips.")});
    // A missing Guide is a per-tool-type rule and does not apply without one.
    QVERIFY(checkIconDesign(icon(QString(), QString(), arch, archGrips)).passes());
}

void TestDesignCheck::geometryOutsideLayers()
{
    const DesignReport report =
        checkIconDesign(icon(guideLine, QString(), arch, archGrips, QStringLiteral("0 0 32 32"),
                             QStringLiteral("<path d=\"M8 8 L9 9\"/><circle r=\"1\" cx=\"9\" cy=\"9\"/>")));
    QCOMPARE(report.warnings, QStringList{QStringLiteral(
                                  "A <path> is outside the Guide, Context, Primary and Grips layers.")});
    // Gradients in defs are not geometry.
    QVERIFY(checkIconDesign(icon(guideLine, QString(), arch, archGrips, QStringLiteral("0 0 32 32"),
                                 QStringLiteral("<defs><rect width=\"100\" height=\"100\"/></defs>")))
                .passes());
}

void TestDesignCheck::unreadableInput()
{
    QCOMPARE(checkIconDesign(QStringLiteral("<svg><g>")).warnings,
             QStringList{QStringLiteral("The icon could not be read as SVG.")});
    QCOMPARE(checkIconDesign(QString()).warnings,
             QStringList{QStringLiteral("The icon could not be read as SVG.")});
}

QTEST_MAIN(TestDesignCheck)
#include "tst_designcheck.moc"
