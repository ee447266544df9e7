#include "svg/svgpath.h"
#include "svg/svgsyntax.h"

#include <QtTest>

#include <cmath>

using Type = SvgPathSegment::Type;

namespace {

bool near(QPointF a, QPointF b, double tolerance = 1e-6)
{
    return std::fabs(a.x() - b.x()) <= tolerance && std::fabs(a.y() - b.y()) <= tolerance;
}

QString describe(QPointF p)
{
    return QStringLiteral("(%1, %2)").arg(p.x()).arg(p.y());
}

} // namespace

class TestSvgPath : public QObject
{
    Q_OBJECT

private slots:
    void absoluteAndRelativeCommands();
    void implicitCommandsAndCompactNumbers();
    void smoothCurvesReflectControlPoints();
    void arcsWithCompactFlags();
    void closePathReturnsToSubpathStart();
    void errorsStopAtLastCompleteSegment_data();
    void errorsStopAtLastCompleteSegment();
    void arcGeometry();
    void samplingFollowsCurvesNotControlPoints();
    void numbers_data();
    void numbers();
    void transforms();
    void colorsAndPaints_data();
    void colorsAndPaints();
};

void TestSvgPath::absoluteAndRelativeCommands()
{
    const QString d =
        QStringLiteral("M4 4 L10 4 l2 2 H20 h-2 V10 v2 C1 2 3 4 5 6 c1 1 2 2 3 3 Q1 1 2 2 q1 1 2 2");
    const auto r = SvgPath::parse(d);
    QVERIFY(r.ok);
    QCOMPARE(r.segments.size(), 11);
    QCOMPARE(r.segments[0].type, Type::Move);
    QCOMPARE(r.segments[1].end, QPointF(10, 4));
    QCOMPARE(r.segments[2].end, QPointF(12, 6));
    QCOMPARE(r.segments[3].end, QPointF(20, 6));
    QCOMPARE(r.segments[4].end, QPointF(18, 6));
    QCOMPARE(r.segments[5].end, QPointF(18, 10));
    QCOMPARE(r.segments[6].end, QPointF(18, 12));
    QCOMPARE(r.segments[7].type, Type::Cubic);
    QCOMPARE(r.segments[7].c1, QPointF(1, 2));
    QCOMPARE(r.segments[7].c2, QPointF(3, 4));
    QCOMPARE(r.segments[7].end, QPointF(5, 6));
    QCOMPARE(r.segments[8].c1, QPointF(6, 7));
    QCOMPARE(r.segments[8].end, QPointF(8, 9));
    QCOMPARE(r.segments[9].type, Type::Quad);
    QCOMPARE(r.segments[9].end, QPointF(2, 2));
    QCOMPARE(r.segments[10].c1, QPointF(3, 3));
    QCOMPARE(r.segments[10].end, QPointF(4, 4));
    QCOMPARE(r.validLength, d.size());
}

void TestSvgPath::implicitCommandsAndCompactNumbers()
{
    // After M the extra pairs are linetos; "10-5" is two numbers, "1.5.5" too; exponents belong to the
    // number.
    const auto r = SvgPath::parse(u"m1,1 2,2 3,3L10-5 1.5.5 2e1,1E-1M0 0");
    QVERIFY(r.ok);
    QCOMPARE(r.segments.size(), 7);
    QCOMPARE(r.segments[0].type, Type::Move);
    QCOMPARE(r.segments[1].type, Type::Line);
    QCOMPARE(r.segments[1].end, QPointF(3, 3));
    QCOMPARE(r.segments[2].end, QPointF(6, 6));
    QCOMPARE(r.segments[3].end, QPointF(10, -5));
    QCOMPARE(r.segments[4].end, QPointF(1.5, 0.5));
    QCOMPARE(r.segments[5].end, QPointF(20, 0.1));
    QCOMPARE(r.segments[6].type, Type::Move);
}

void TestSvgPath::smoothCurvesReflectControlPoints()
{
    const auto r =
        SvgPath::parse(u"M0 0 C0 10 10 10 10 0 S20 -10 20 0 M0 0 Q5 10 10 0 T20 0 t10 0 M0 0 S5 5 10 0");
    QVERIFY(r.ok);
    QCOMPARE(r.segments[2].c1, QPointF(10, -10)); // reflection of (10,10) about (10,0)
    QCOMPARE(r.segments[2].c2, QPointF(20, -10));
    QCOMPARE(r.segments[5].c1, QPointF(15, -10)); // reflection of (5,10) about (10,0)
    QCOMPARE(r.segments[6].c1, QPointF(25, 10));
    QCOMPARE(r.segments[6].end, QPointF(30, 0));
    QCOMPARE(r.segments[8].c1, QPointF(0, 0)); // S after M: first control point is the current point
}

void TestSvgPath::arcsWithCompactFlags()
{
    const auto r = SvgPath::parse(u"M10 10a5 5 0 1015 0A5,5,30,0,1,30,10");
    QVERIFY(r.ok);
    QCOMPARE(r.segments.size(), 3);
    QCOMPARE(r.segments[1].type, Type::Arc);
    QVERIFY(r.segments[1].largeArc);
    QVERIFY(!r.segments[1].sweep);
    QCOMPARE(r.segments[1].end, QPointF(25, 10));
    QCOMPARE(r.segments[2].xAxisRotation, 30.0);
    QVERIFY(!r.segments[2].largeArc);
    QVERIFY(r.segments[2].sweep);
}

void TestSvgPath::closePathReturnsToSubpathStart()
{
    const auto r = SvgPath::parse(u"M5 5 l10 0 l0 10 z l1 1 Z");
    QVERIFY(r.ok);
    QCOMPARE(r.segments[3].type, Type::Close);
    QCOMPARE(r.segments[3].end, QPointF(5, 5));
    QCOMPARE(r.segments[4].end, QPointF(6, 6)); // relative to the subpath start after Z
}

void TestSvgPath::errorsStopAtLastCompleteSegment_data()
{
    QTest::addColumn<QString>("d");
    QTest::addColumn<QString>("validPrefix");
    QTest::newRow("no moveto") << QStringLiteral("L1 1") << QString();
    QTest::newRow("garbage command") << QStringLiteral("M1 1 L2 2 X3 3") << QStringLiteral("M1 1 L2 2");
    QTest::newRow("missing coordinate") << QStringLiteral("M1 1 L2 2 L3") << QStringLiteral("M1 1 L2 2");
    QTest::newRow("incomplete repeat") << QStringLiteral("M1 1 L2 2 3") << QStringLiteral("M1 1 L2 2");
    QTest::newRow("bad arc flag") << QStringLiteral("M1 1 A1 1 0 2 0 3 3") << QStringLiteral("M1 1");
    QTest::newRow("NaN") << QStringLiteral("M1 1 L NaN 2") << QStringLiteral("M1 1");
    QTest::newRow("1e309") << QStringLiteral("M1 1 L1e309 2") << QStringLiteral("M1 1");
    QTest::newRow("beyond 1e6") << QStringLiteral("M1 1 L2000000 2") << QStringLiteral("M1 1");
    QTest::newRow("script") << QStringLiteral("M0 0 javascript:alert(1)") << QStringLiteral("M0 0");
}

void TestSvgPath::errorsStopAtLastCompleteSegment()
{
    QFETCH(QString, d);
    QFETCH(QString, validPrefix);
    const auto r = SvgPath::parse(d);
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    QCOMPARE(d.left(r.validLength).trimmed(), validPrefix);
}

void TestSvgPath::arcGeometry()
{
    SvgPathSegment arc;
    arc.type = Type::Arc;
    arc.start = {0, 0};
    arc.end = {10, 0};
    arc.rx = arc.ry = 5;
    arc.sweep = true;
    QVERIFY2(near(SvgPath::arcPoint(arc, 0.5), {5, -5}), qPrintable(describe(SvgPath::arcPoint(arc, 0.5))));
    arc.sweep = false;
    QVERIFY(near(SvgPath::arcPoint(arc, 0.5), {5, 5}));
    QVERIFY(near(SvgPath::arcPoint(arc, 0), {0, 0}));
    QVERIFY(near(SvgPath::arcPoint(arc, 1), {10, 0}));
    // Radii too small are scaled up until the arc fits (F.6.6): the same half circle.
    arc.rx = arc.ry = 1;
    QVERIFY(near(SvgPath::arcPoint(arc, 0.5), {5, 5}));
    // Large arc of a circle of radius 5 through (0,0) and (8,0): centre (4,-3) or (4,3).
    arc.rx = arc.ry = 5;
    arc.end = {8, 0};
    arc.largeArc = true;
    arc.sweep = true;
    const QPointF far = SvgPath::arcPoint(arc, 0.5);
    QVERIFY2(near(far, {4, -8}, 1e-9), qPrintable(describe(far)));
    // Rotated ellipse: rx 10, ry 5 at 90° is a vertical ellipse; sweeping in the positive (clockwise on
    // screen) direction from top to bottom passes its right-hand side.
    SvgPathSegment rotated;
    rotated.type = Type::Arc;
    rotated.start = {0, -10};
    rotated.end = {0, 10};
    rotated.rx = 10;
    rotated.ry = 5;
    rotated.xAxisRotation = 90;
    rotated.sweep = true;
    QVERIFY2(near(SvgPath::arcPoint(rotated, 0.5), {5, 0}, 1e-9),
             qPrintable(describe(SvgPath::arcPoint(rotated, 0.5))));
}

void TestSvgPath::samplingFollowsCurvesNotControlPoints()
{
    const auto r = SvgPath::parse(u"M4 16 C4 0 28 0 28 16");
    const QList<QPointF> points = SvgPath::sample(r.segments, 16);
    double top = 100;
    for (QPointF p : points)
        top = std::min(top, p.y());
    QVERIFY(std::fabs(top - 4) < 1e-9); // the curve's apex, not the control points at y = 0
    QCOMPARE(points.first(), QPointF(4, 16));
    QCOMPARE(points.last(), QPointF(28, 16));
}

void TestSvgPath::numbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("value");
    QTest::newRow("integer") << QStringLiteral("42") << true << 42.0;
    QTest::newRow("signs") << QStringLiteral(" -0.5 ") << true << -0.5;
    QTest::newRow("plus") << QStringLiteral("+.5") << true << 0.5;
    QTest::newRow("exponent") << QStringLiteral("1.5e3") << true << 1500.0;
    QTest::newRow("trailing dot") << QStringLiteral("3.") << true << 3.0;
    QTest::newRow("NaN") << QStringLiteral("NaN") << false << 0.0;
    QTest::newRow("Infinity") << QStringLiteral("Infinity") << false << 0.0;
    QTest::newRow("1e309") << QStringLiteral("1e309") << false << 0.0;
    QTest::newRow("too large") << QStringLiteral("1e7") << false << 0.0;
    QTest::newRow("hex") << QStringLiteral("0x10") << false << 0.0;
    QTest::newRow("dot only") << QStringLiteral(".") << false << 0.0;
    QTest::newRow("empty") << QString() << false << 0.0;
}

void TestSvgPath::numbers()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(double, value);
    const auto parsed = SvgSyntax::parseNumber(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, value);
}

void TestSvgPath::transforms()
{
    const auto t = SvgSyntax::parseTransform(u"translate(10 20) scale(2)");
    QVERIFY(t);
    QCOMPARE(t->map(QPointF(1, 1)), QPointF(12, 22)); // scale first, then translate
    const auto r = SvgSyntax::parseTransform(u"rotate(90, 16, 16)");
    QVERIFY(r);
    QVERIFY(near(r->map(QPointF(16, 4)), {28, 16}));
    const auto m = SvgSyntax::parseTransform(u"matrix(1,0,0,1,5,6)skewX(0)");
    QVERIFY(m);
    QCOMPARE(m->map(QPointF(0, 0)), QPointF(5, 6));
    QVERIFY(!SvgSyntax::parseTransform(u"translate(1e309)"));
    QVERIFY(!SvgSyntax::parseTransform(u"url(javascript:alert(1))"));
    QVERIFY(!SvgSyntax::parseTransform(u"rotate(1,2)"));
    QVERIFY(!SvgSyntax::parseTransform(u"scale(2"));
}

void TestSvgPath::colorsAndPaints_data()
{
    QTest::addColumn<QString>("paint");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("ref");
    QTest::newRow("hex6") << QStringLiteral("#1D1D1B") << true << QString();
    QTest::newRow("hex3") << QStringLiteral("#fff") << true << QString();
    QTest::newRow("hex5") << QStringLiteral("#fffff") << false << QString();
    QTest::newRow("named") << QStringLiteral("navy") << true << QString();
    QTest::newRow("unknown name") << QStringLiteral("notacolour") << false << QString();
    QTest::newRow("rgb") << QStringLiteral("rgb(10, 20%, 30)") << true << QString();
    QTest::newRow("rgba") << QStringLiteral("rgba(0,0,0,0.5)") << true << QString();
    QTest::newRow("rgb NaN") << QStringLiteral("rgb(NaN,0,0)") << false << QString();
    QTest::newRow("none") << QStringLiteral("none") << true << QString();
    QTest::newRow("currentColor") << QStringLiteral("currentColor") << true << QString();
    QTest::newRow("local url") << QStringLiteral("url(#grad_1)") << true << QStringLiteral("grad_1");
    QTest::newRow("quoted url + fallback")
        << QStringLiteral("url( \"#g\" ) red") << true << QStringLiteral("g");
    QTest::newRow("external url") << QStringLiteral("url(http://evil.example/#g)") << false << QString();
    QTest::newRow("protocol-relative") << QStringLiteral("url(//evil.example/#g)") << false << QString();
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false << QString();
    QTest::newRow("url + script fallback") << QStringLiteral("url(#g) javascript:x") << false << QString();
    QTest::newRow("expression") << QStringLiteral("expression(alert(1))") << false << QString();
}

void TestSvgPath::colorsAndPaints()
{
    QFETCH(QString, paint);
    QFETCH(bool, valid);
    QFETCH(QString, ref);
    QString id;
    QCOMPARE(SvgSyntax::isPaint(paint, &id), valid);
    QCOMPARE(id, ref);
}

QTEST_MAIN(TestSvgPath)
#include "tst_svgpath.moc"
