// The scene model: the strict parser (errors name the JSON path, limits hold, malformed input never
// crashes), the renderer (design system by construction in both palettes, deterministic, a fixed point
// of the sanitiser) and the 3D kit (every shape, hidden edges on the Guide layer).
#include "icons/designcheck.h"
#include "scene/kit3d.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "svg/svgsanitizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTest>

using namespace scene;

namespace {

QJsonObject sceneWith(const QJsonArray &elements, const QString &toolType = QStringLiteral("drawing"))
{
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("parametric-icons/scene")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("toolType"), toolType},
                       {QStringLiteral("elements"), elements}};
}

QJsonObject element(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// A minimal valid drawing: a guide, a primary stroke and a grip, plus `extra`.
QJsonArray drawing(const QJsonArray &extra = {})
{
    QJsonArray a{element(R"({"type":"line","layer":"guide","from":[4,28],"to":[28,28]})"),
                 element(R"({"type":"line","layer":"primary","from":[4,28],"to":[28,4]})"),
                 element(R"({"type":"grip","at":[4,28]})")};
    for (const QJsonValue &v : extra)
        a.append(v);
    return a;
}

QString firstError(const QJsonObject &scene)
{
    const SceneParseResult r = SceneParser::fromJson(scene);
    return r.errors.isEmpty() ? QString() : r.errors.first().toString();
}

// Rendered, checked against the design system for its tool type and the sanitiser's fixed point.
QString renderChecked(const Scene &s, ColorMode mode = ColorMode::Dark)
{
    const RenderResult r = SceneRenderer::render(s, mode, QStringLiteral("test"));
    if (!r.ok())
        return QStringLiteral("render failed: ") + r.errors.value(0).toString();
    const DesignReport report = checkIconDesign(r.svg, s.toolType);
    if (!report.passes())
        return QStringLiteral("design check: ") + report.warnings.join(QStringLiteral("; "));
    if (report.inferredToolType != s.toolType)
        return QStringLiteral("the layers say another tool type");
    const SvgSanitizeResult clean = SvgSanitizer::sanitize(r.svg, QStringLiteral("test"));
    if (!clean.ok || clean.svg != r.svg)
        return QStringLiteral("not a fixed point of the sanitiser");
    if (!QSvgRenderer(r.svg.toUtf8()).isValid())
        return QStringLiteral("QtSvg cannot read it");
    return QString();
}

Scene parsed(const QJsonObject &json)
{
    const SceneParseResult r = SceneParser::fromJson(json);
    return r.scene;
}

int count(const QString &svg, const QString &pattern)
{
    return int(svg.count(QRegularExpression(pattern)));
}

QString groupOf(const QString &svg, const QString &layer)
{
    const QRegularExpression re(QStringLiteral("<g id=\"%1_[0-9a-f]{8}\"[^>]*>(.*?)</g>").arg(layer));
    return re.match(svg).captured(1);
}

} // namespace

class TestScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAValidScene()
    {
        const SceneParseResult r = SceneParser::fromJson(sceneWith(drawing()));
        QVERIFY2(r.ok(), qPrintable(r.messages().join(QStringLiteral("; "))));
        QCOMPARE(r.scene.elements.size(), 3);
        QCOMPARE(r.scene.toolType, ToolType::Drawing);
        // What is written reads back to the same scene.
        const SceneParseResult again = SceneParser::fromJson(r.scene.toJson());
        QVERIFY(again.ok());
        QCOMPARE(again.scene.toJson(), r.scene.toJson());
    }

    void errorsNameTheJsonPath_data()
    {
        QTest::addColumn<QByteArray>("element");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown type")
            << QByteArray(R"({"type":"blob","layer":"primary"})") << "elements[3].type: must be one of";
        QTest::newRow("missing layer")
            << QByteArray(R"({"type":"line","from":[4,4],"to":[8,8]})") << "elements[3].layer: is required";
        QTest::newRow("grips are no stroke layer")
            << QByteArray(R"({"type":"line","layer":"grips","from":[4,4],"to":[8,8]})")
            << "elements[3].layer: must be one of";
        QTest::newRow("point of three")
            << QByteArray(R"({"type":"line","layer":"primary","from":[4,4,4],"to":[8,8]})")
            << "elements[3].from: must be a point [x, y]";
        QTest::newRow("string coordinate")
            << QByteArray(R"({"type":"polyline","layer":"primary","points":[[4,4],[8,"8"]]})")
            << "elements[3].points[1][1]: must be a number";
        QTest::newRow("coordinate too large")
            << QByteArray(R"({"type":"polyline","layer":"primary","points":[[4,4],[8,1e6]]})")
            << "elements[3].points[1][1]: must be from -1000 to 1000";
        QTest::newRow("too few points")
            << QByteArray(R"({"type":"polygon","layer":"primary","points":[[4,4],[8,8]]})")
            << "elements[3].points: must hold 3 to 256 points";
        QTest::newRow("unknown key")
            << QByteArray(R"({"type":"circle","layer":"primary","center":[16,16],"radius":4,"fill":"red"})")
            << "elements[3].fill: unknown key";
        QTest::newRow("negative radius")
            << QByteArray(R"({"type":"circle","layer":"primary","center":[16,16],"radius":-4})")
            << "elements[3].radius: must be from 0.01";
        QTest::newRow("bad path") << QByteArray(R"({"type":"path","layer":"primary","d":"M 4 4 L x"})")
                                  << "elements[3].d: is not valid path data";
        QTest::newRow("group child")
            << QByteArray(R"({"type":"group","elements":[{"type":"line","layer":"primary","from":[4,4]}]})")
            << "elements[3].elements[0].to: is required";
        QTest::newRow("fit rectangle")
            << QByteArray(R"({"type":"group","transform":{"fit":[10,10,5,5]},"elements":[]})")
            << "elements[3].transform.fit: must have x1 > x0";
        QTest::newRow("3d shape") << QByteArray(
                                         R"({"type":"view3d","objects":[{"shape":"cube","size":[1,1,1]}]})")
                                  << "elements[3].objects[0].shape: must be one of";
        QTest::newRow("3d key of another shape")
            << QByteArray(R"({"type":"view3d","objects":[{"shape":"sphere","radius":2,"height":3}]})")
            << "elements[3].objects[0].height: unknown key for a sphere";
        QTest::newRow("torus tube")
            << QByteArray(R"({"type":"view3d","objects":[{"shape":"torus","radius":2,"tube":3}]})")
            << "elements[3].objects[0].tube: must be smaller than the radius";
        QTest::newRow("ragged grid")
            << QByteArray(
                   R"({"type":"view3d","objects":[{"shape":"patch","size":[4,4],"heights":[[0,1],[0]]}]})")
            << "elements[3].objects[0].heights[1]: must hold 2 heights";
        QTest::newRow("context in a drawing")
            << QByteArray(R"({"type":"line","layer":"context","from":[4,4],"to":[8,8]})")
            << "elements[3]: a drawing icon has no Context layer";
    }
    void errorsNameTheJsonPath()
    {
        QFETCH(QByteArray, element);
        QFETCH(QString, error);
        const QString got = firstError(sceneWith(drawing({QJsonDocument::fromJson(element).object()})));
        QVERIFY2(got.startsWith(error), qPrintable(QStringLiteral("got: ") + got));
    }

    void topLevelIsStrict()
    {
        QJsonObject s = sceneWith(drawing());
        s.insert(QStringLiteral("format"), QStringLiteral("svg"));
        QVERIFY(firstError(s).startsWith(QStringLiteral("format: must be")));
        s = sceneWith(drawing());
        s.insert(QStringLiteral("version"), 2);
        QVERIFY(firstError(s).startsWith(QStringLiteral("version: must be from 1 to 1")));
        s = sceneWith(drawing());
        s.remove(QStringLiteral("toolType"));
        QVERIFY(firstError(s).startsWith(QStringLiteral("toolType: is required")));
        s = sceneWith(drawing(), QStringLiteral("analysis"));
        QVERIFY(
            firstError(s).startsWith(QStringLiteral("elements[1]: an analysis icon has no Primary layer")));
        QVERIFY(!SceneParser::parse("not json").ok());
        QVERIFY(!SceneParser::parse("[]").ok());
        QVERIFY(!SceneParser::parse(QByteArray(300 * 1024, ' ')).ok());
    }

    void parametersAndValues()
    {
        QJsonObject s = sceneWith(drawing());
        s.insert(QStringLiteral("parameters"), QJsonDocument::fromJson(R"([
            {"name":"gear.teeth","label":"Teeth","type":"int","min":6,"max":24,"step":1,"default":8},
            {"name":"gear.hub","label":"Hub","type":"bool","default":true},
            {"name":"view","label":"View","type":"choice","choices":["top","side"],"default":"top"}])")
                                                   .array());
        s.insert(QStringLiteral("values"), QJsonObject{{QStringLiteral("gear.teeth"), 12}});
        SceneParseResult r = SceneParser::fromJson(s);
        QVERIFY2(r.ok(), qPrintable(r.messages().join(u';')));
        QCOMPARE(r.scene.values.value(QStringLiteral("gear.teeth")).toInt(), 12);
        QCOMPARE(r.scene.values.value(QStringLiteral("gear.hub")).toBool(), true); // default filled in
        s.insert(QStringLiteral("values"), QJsonObject{{QStringLiteral("gear.teeth"), 40}});
        QVERIFY(firstError(s).startsWith(QStringLiteral("values.gear.teeth: must be from 6 to 24")));
        s.insert(QStringLiteral("values"), QJsonObject{{QStringLiteral("gear.teeth"), 7.5}});
        QVERIFY(firstError(s).startsWith(QStringLiteral("values.gear.teeth: must be a whole number")));
        s.insert(QStringLiteral("values"), QJsonObject{{QStringLiteral("view"), QStringLiteral("front")}});
        QVERIFY(firstError(s).startsWith(QStringLiteral("values.view: must be one of top, side")));
        s.insert(QStringLiteral("values"), QJsonObject{{QStringLiteral("size"), 3}});
        QVERIFY(firstError(s).startsWith(QStringLiteral("values.size: is not a parameter")));
    }

    void limitsHold()
    {
        // Too many elements.
        QJsonArray many = drawing();
        for (int i = 0; i < limits::maxElements; ++i)
            many.append(element(R"({"type":"line","layer":"primary","from":[4,4],"to":[8,8]})"));
        QVERIFY(firstError(sceneWith(many)).contains(QStringLiteral("more than 400 elements")));
        // Groups nested deeper than the limit.
        QJsonObject nested = element(R"({"type":"line","layer":"primary","from":[4,4],"to":[8,8]})");
        for (int i = 0; i < 10; ++i)
            nested = QJsonObject{{QStringLiteral("type"), QStringLiteral("group")},
                                 {QStringLiteral("elements"), QJsonArray{nested}}};
        QVERIFY(
            firstError(sceneWith(drawing({nested}))).contains(QStringLiteral("groups nest deeper than 4")));
        // Too many points in all.
        QJsonArray points;
        for (int i = 0; i < 256; ++i)
            points.append(QJsonArray{4 + i % 24, 4 + i % 20});
        QJsonArray heavy = drawing();
        for (int i = 0; i < 30; ++i)
            heavy.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("polyline")},
                                     {QStringLiteral("layer"), QStringLiteral("primary")},
                                     {QStringLiteral("points"), points}});
        QVERIFY(firstError(sceneWith(heavy)).contains(QStringLiteral("more than 6000 points")));
        // Errors are capped, so a hostile scene cannot make a huge report.
        QJsonArray bad;
        for (int i = 0; i < 100; ++i)
            bad.append(element(R"({"type":"nope"})"));
        QCOMPARE(SceneParser::fromJson(sceneWith(bad)).errors.size(), SceneParser::maxErrors);
    }

    // Mutations of a rich valid scene: whatever the parser accepts, the renderer draws within the
    // design system; nothing crashes.
    void mutatedScenesNeverBreakTheRenderer()
    {
        const QByteArray base =
            R"({"format":"parametric-icons/scene","version":1,"toolType":"modification","elements":[
          {"type":"line","layer":"guide","from":[2,30],"to":[30,2]},
          {"type":"group","layer":"context","transform":{"rotate":30,"scale":1.5,"fit":[4,4,16,16]},"elements":[
            {"type":"curve","layer":"primary","points":[[0,0],[10,20],[30,5]],"closed":true},
            {"type":"ellipse","layer":"primary","center":[10,10],"rx":8,"ry":3,"rotation":20}]},
          {"type":"arrow","layer":"primary","center":[16,16],"radius":30,"start":10,"sweep":200,"heads":"both"},
          {"type":"dimension","kind":"angular","layer":"context","center":[16,16],"radius":9,"start":0,"sweep":60},
          {"type":"hatch","layer":"primary","points":[[20,20],[28,20],[28,28],[20,28]],"angle":30,"spacing":1},
          {"type":"path","layer":"primary","d":"M 4 4 Q 40 4 28 28 A 6 9 30 1 0 8 20 Z"},
          {"type":"view3d","projection":"cabinet","frame":[16,2,30,16],"objects":[
            {"shape":"torus","radius":5,"tube":2},{"shape":"helix","radius":2,"height":6,"turns":3}]},
          {"type":"grip","at":[40,-10]}]})";
        const QJsonObject original = QJsonDocument::fromJson(base).object();
        QVERIFY(SceneParser::fromJson(original).ok());
        QCOMPARE(renderChecked(parsed(original)), QString());
        // Replace every number in turn by awkward values.
        const QList<double> awkward{0, -1, 1e-9, 999.9, -999.9, 0.5};
        int accepted = 0, rejected = 0;
        const QString text = QString::fromUtf8(base);
        static const QRegularExpression number(QStringLiteral("-?\\d+(\\.\\d+)?"));
        auto it = number.globalMatch(text);
        QList<std::pair<qsizetype, qsizetype>> spans;
        while (it.hasNext()) {
            const auto m = it.next();
            spans.append({m.capturedStart(), m.capturedLength()});
        }
        for (const auto &[start, length] : std::as_const(spans)) {
            for (double v : awkward) {
                QString mutated = text;
                mutated.replace(start, length, QString::number(v));
                const SceneParseResult r = SceneParser::parse(mutated.toUtf8());
                if (!r.ok()) {
                    ++rejected;
                    continue;
                }
                const RenderResult out = SceneRenderer::render(r.scene, ColorMode::Dark, QStringLiteral("m"));
                if (!out.ok()) {
                    ++rejected; // e.g. a layer the tool type needs came out empty
                    continue;
                }
                ++accepted;
                const DesignReport report = checkIconDesign(out.svg, r.scene.toolType);
                QVERIFY2(report.passes(),
                         qPrintable(mutated + QStringLiteral("\n") + report.warnings.join(u';')));
            }
        }
        QVERIFY(accepted > 100);
        QVERIFY(rejected > 10);
    }

    void rendererFitsAnythingIntoTheBounds()
    {
        // Geometry far outside the bounds is scaled in; grips stay within [3, 29].
        const QJsonArray elements{
            element(R"({"type":"line","layer":"guide","from":[-200,-200],"to":[400,300]})"),
            element(R"({"type":"circle","layer":"primary","center":[100,100],"radius":90})"),
            element(R"({"type":"grip","at":[-200,-200]})")};
        QCOMPARE(renderChecked(parsed(sceneWith(elements))), QString());
        // Tiny geometry stays tiny (no blow-up), centred where it was.
        const QJsonArray tiny{element(R"({"type":"line","layer":"guide","from":[15,15],"to":[17,17]})"),
                              element(R"({"type":"line","layer":"primary","from":[15,17],"to":[17,15]})"),
                              element(R"({"type":"grip","at":[16,16]})")};
        const RenderResult r =
            SceneRenderer::render(parsed(sceneWith(tiny)), ColorMode::Dark, QStringLiteral("t"));
        QVERIFY(r.svg.contains(QStringLiteral("x1=\"15\" y1=\"17\" x2=\"17\" y2=\"15\"")));
    }

    void rendererWritesTheDesignSystem()
    {
        const Scene s = parsed(sceneWith(drawing({element(
            R"({"type":"arc","layer":"primary","center":[16,16],"radius":8,"start":0,"sweep":270})")})));
        for (ColorMode mode : {ColorMode::Dark, ColorMode::Light}) {
            const RenderResult r = SceneRenderer::render(s, mode, QStringLiteral("seed"));
            QVERIFY(r.ok());
            QCOMPARE(renderChecked(s, mode), QString());
            const Palette &p = palette(mode);
            QVERIFY(
                r.svg.contains(QStringLiteral("stroke=\"%1\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\"")
                                   .arg(QLatin1String(p.guide))));
            QVERIFY(r.svg.contains(QStringLiteral("stroke=\"%1\" stroke-width=\"1\" stroke-linecap=\"round\" "
                                                  "stroke-linejoin=\"round\"")
                                       .arg(QLatin1String(p.primary))));
            QVERIFY(r.svg.contains(QStringLiteral("fill=\"%1\" stroke=\"%2\" stroke-width=\"0.5\"")
                                       .arg(QLatin1String(p.grip), QLatin1String(p.gripStroke))));
            QVERIFY(r.svg.contains(QStringLiteral("<rect x=\"3\" y=\"27\" width=\"2\" height=\"2\"/>")));
            QVERIFY(r.svg.contains(
                QStringLiteral("id=\"Guide_%1\"").arg(SvgSanitizer::deriveScope(QStringLiteral("seed")))));
        }
        // Deterministic: the same scene, the same bytes.
        QCOMPARE(SceneRenderer::render(s, ColorMode::Dark, QStringLiteral("a")).svg,
                 SceneRenderer::render(s, ColorMode::Dark, QStringLiteral("a")).svg);
        // A layer the tool type needs that comes out empty is an error, not a failing icon.
        const Scene noGuide =
            parsed(sceneWith({element(R"({"type":"line","layer":"primary","from":[4,4],"to":[8,8]})"),
                              element(R"({"type":"grip","at":[4,4]})")}));
        const RenderResult missing = SceneRenderer::render(noGuide, ColorMode::Dark, QStringLiteral("x"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.errors.first().message.contains(QStringLiteral("Guide")));
    }

    void everyElementTypeRenders()
    {
        const QJsonArray all = drawing({
            element(R"({"type":"polyline","layer":"primary","points":[[4,4],[10,8],[16,4]]})"),
            element(R"({"type":"polygon","layer":"guide","points":[[4,4],[10,8],[16,4]]})"),
            element(
                R"({"type":"arc","layer":"primary","center":[16,16],"radius":6,"start":45,"sweep":-200})"),
            element(R"({"type":"circle","layer":"primary","center":[16,16],"radius":3})"),
            element(R"({"type":"ellipse","layer":"primary","center":[16,16],"rx":6,"ry":3,"rotation":30})"),
            element(R"({"type":"curve","layer":"primary","points":[[4,20],[10,10],[20,24],[28,12]]})"),
            element(
                R"({"type":"path","layer":"primary","d":"M4 4 C 8 20 20 8 28 28 Q 20 4 4 28 A 5 5 0 0 1 10 10 Z"})"),
            element(R"({"type":"arrow","layer":"primary","from":[4,4],"to":[20,20]})"),
            element(R"({"type":"arrow","layer":"guide","points":[[4,4],[10,20],[20,10]],"heads":"both"})"),
            element(
                R"({"type":"dimension","kind":"linear","layer":"primary","from":[4,24],"to":[28,24],"offset":3})"),
            element(
                R"({"type":"dimension","kind":"radial","layer":"primary","center":[16,16],"radius":8,"angle":30})"),
            element(
                R"({"type":"dimension","kind":"diameter","layer":"primary","center":[16,16],"radius":8,"angle":30})"),
            element(
                R"({"type":"dimension","kind":"angular","layer":"primary","center":[16,16],"radius":8,"start":0,"sweep":60})"),
            element(
                R"({"type":"hatch","layer":"primary","points":[[4,4],[12,4],[12,12],[4,12]],"angle":45,"spacing":2})"),
            element(
                R"({"type":"group","transform":{"mirror":"xy","scale":[2,1],"rotate":45,"translate":[1,2]},"elements":[
                {"type":"circle","layer":"primary","center":[10,10],"radius":2}]})"),
        });
        const SceneParseResult r = SceneParser::fromJson(sceneWith(all));
        QVERIFY2(r.ok(), qPrintable(r.messages().join(u';')));
        QCOMPARE(renderChecked(r.scene), QString());
        QCOMPARE(renderChecked(r.scene, ColorMode::Light), QString());
        // A rotated ellipse keeps its rotation; a non-uniformly scaled circle becomes an ellipse.
        const QString svg = SceneRenderer::render(r.scene, ColorMode::Dark, QStringLiteral("e")).svg;
        QVERIFY(svg.contains(QStringLiteral("transform=\"rotate(")));
        QVERIFY(count(svg, QStringLiteral("<ellipse ")) >= 2);
    }

    // Every shape of the 3D kit reads as 3D: visible edges on its layer, hidden ones dashed on Guide.
    void kit3dShapes_data()
    {
        QTest::addColumn<QByteArray>("object");
        QTest::addColumn<bool>("hasHidden");
        QTest::newRow("box") << QByteArray(R"({"shape":"box","size":[10,8,6]})") << true;
        QTest::newRow("cylinder") << QByteArray(R"({"shape":"cylinder","radius":5,"height":9})") << true;
        QTest::newRow("cone") << QByteArray(R"({"shape":"cone","radius":5,"height":9})") << true;
        QTest::newRow("frustum") << QByteArray(R"({"shape":"cone","radius":5,"height":9,"top":2})") << true;
        QTest::newRow("sphere") << QByteArray(R"({"shape":"sphere","radius":5})") << true;
        QTest::newRow("torus") << QByteArray(R"({"shape":"torus","radius":6,"tube":2})") << true;
        QTest::newRow("prism") << QByteArray(R"({"shape":"prism","radius":5,"sides":6,"height":7})") << true;
        QTest::newRow("pyramid") << QByteArray(R"({"shape":"pyramid","radius":6,"sides":4,"height":8})")
                                 << true;
        QTest::newRow("wedge") << QByteArray(R"({"shape":"wedge","size":[10,8,6]})") << true;
        QTest::newRow("tube") << QByteArray(R"({"shape":"tube","radius":5,"inner":3,"height":6})") << true;
        QTest::newRow("extrusion")
            << QByteArray(
                   R"({"shape":"extrusion","profile":[[0,0],[8,0],[8,3],[3,3],[3,8],[0,8]],"height":4})")
            << true;
        QTest::newRow("revolution")
            << QByteArray(R"({"shape":"revolution","profile":[[0,0],[4,0],[2,5],[4,9],[0,9]]})") << true;
        QTest::newRow("plane") << QByteArray(R"({"shape":"plane","size":[10,10],"isocurves":[2,2]})")
                               << false;
        QTest::newRow("patch")
            << QByteArray(
                   R"({"shape":"patch","size":[10,10],"heights":[[0,1,0],[1,3,1],[0,1,-1]],"isocurves":[3,3]})")
            << false;
        QTest::newRow("mesh")
            << QByteArray(
                   R"({"shape":"mesh","size":[10,10],"heights":[[0,1,0],[1,2,1],[0,1,0]],"faces":"triangles"})")
            << false;
    }
    void kit3dShapes()
    {
        QFETCH(QByteArray, object);
        QFETCH(bool, hasHidden);
        for (const char *projection : {"isometric", "cabinet"}) {
            QJsonObject view{
                {QStringLiteral("type"), QStringLiteral("view3d")},
                {QStringLiteral("projection"), QString::fromLatin1(projection)},
                {QStringLiteral("objects"), QJsonArray{QJsonDocument::fromJson(object).object(),
                                                       element(R"({"shape":"grip","position":[0,0,0]})")}}};
            QJsonArray elements{element(R"({"type":"line","layer":"guide","from":[4,28],"to":[28,28]})"),
                                view};
            const SceneParseResult r = SceneParser::fromJson(sceneWith(elements));
            QVERIFY2(r.ok(), qPrintable(r.messages().join(u';')));
            QCOMPARE(renderChecked(r.scene), QString());
            const QString svg = SceneRenderer::render(r.scene, ColorMode::Dark, QStringLiteral("k")).svg;
            const QString primary = groupOf(svg, QStringLiteral("Primary"));
            QVERIFY2(count(primary, QStringLiteral("<(polyline|polygon|line) ")) >= 1, qPrintable(svg));
            // Hidden edges come out on the guide layer (beyond the one baseline drawn here).
            const int guides =
                count(groupOf(svg, QStringLiteral("Guide")), QStringLiteral("<(polyline|polygon|line) "));
            if (hasHidden)
                QVERIFY2(guides >= 2,
                         qPrintable(QString::fromLatin1(projection) + QStringLiteral(": ") + svg));
        }
    }

    void kit3dHidesWhatIsBehind()
    {
        // A box seen from the isometric direction: 9 visible edges, 3 hidden ones.
        SceneElement view;
        view.type = ElementType::View3d;
        Object3d box;
        box.shape = Shape3d::Box;
        box.size = {10, 10, 10};
        view.objects = {box};
        const FlatDrawing d = kit3d::render(view);
        int visible = 0, hidden = 0;
        for (const FlatStroke &s : d.layer(IconLayer::Primary))
            visible += int(s.points.size()) - (s.closed ? 0 : 1);
        for (const FlatStroke &s : d.layer(IconLayer::Guide))
            hidden += int(s.points.size()) - (s.closed ? 0 : 1);
        QCOMPARE(visible, 9);
        QCOMPARE(hidden, 3);
        // Without hidden edges nothing goes to the guide layer.
        view.objects[0].showHidden = false;
        QVERIFY(kit3d::render(view).layer(IconLayer::Guide).isEmpty());
        // Highlighted faces go to their own layer.
        view.objects[0].layer = IconLayer::Context;
        view.objects[0].highlightFaces = {QStringLiteral("top")};
        const FlatDrawing lit = kit3d::render(view);
        QVERIFY(!lit.layer(IconLayer::Primary).isEmpty());
        QVERIFY(!lit.layer(IconLayer::Context).isEmpty());
    }
};

QTEST_MAIN(TestScene)
#include "tst_scene.moc"
