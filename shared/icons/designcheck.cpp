#include "icons/designcheck.h"

#include "svg/svgpath.h"
#include "svg/svgsyntax.h"

#include <QList>
#include <QPointF>
#include <QTransform>
#include <QXmlStreamReader>

#include <cmath>

namespace {

constexpr double epsilon = 1e-6;

QString formatNumber(double v)
{
    const double rounded = std::round(v * 100.0) / 100.0;
    return QString::number(rounded == 0 ? 0.0 : rounded, 'g', 10);
}

QString formatPoint(QPointF p)
{
    return QStringLiteral("(%1, %2)").arg(formatNumber(p.x()), formatNumber(p.y()));
}

std::optional<IconLayer> layerOfId(QStringView id)
{
    for (IconLayer layer : IconDesign::layerOrder) {
        const QString name = IconDesign::layerName(layer);
        if (id.startsWith(name, Qt::CaseInsensitive)) {
            const QStringView rest = id.mid(name.size());
            // "Guide", "Guide_1a2b3c4d", "guide-2", "Guides" but not "Guidelines" … keep it simple: the next
            // character must not continue a word.
            if (rest.isEmpty() || rest.front() == u'_' || rest.front() == u'-' || rest.front().isDigit() ||
                rest.front() == u's')
                return layer;
        }
    }
    return std::nullopt;
}

double number(const QXmlStreamAttributes &attributes, QLatin1StringView name, double fallback = 0)
{
    const QStringView value = attributes.value(name);
    if (value.isEmpty())
        return fallback;
    const auto length = SvgSyntax::parseLength(value);
    return length ? length->value : fallback;
}

struct Frame
{
    QTransform transform;
    std::optional<IconLayer> layer;
    bool inDefs = false;
};

struct LayerState
{
    bool present = false;
    int shapes = 0;
    bool reportedBounds = false;
};

class Checker
{
public:
    DesignReport run(const QString &svg, std::optional<ToolType> toolType);

private:
    void warn(const QString &message)
    {
        if (!m_report.warnings.contains(message))
            m_report.warnings.append(message);
    }
    void shape(QStringView name, const QXmlStreamAttributes &attributes, const Frame &frame);
    QList<QPointF> shapePoints(QStringView name, const QXmlStreamAttributes &attributes) const;

    DesignReport m_report;
    LayerState m_layers[4];
    bool m_reportedOutside = false;
};

QList<QPointF> Checker::shapePoints(QStringView name, const QXmlStreamAttributes &a) const
{
    QList<QPointF> points;
    const auto ellipsePoints = [&](double cx, double cy, double rx, double ry) {
        // The axis extremes first (the exact bounds without a rotation), then samples for transformed shapes.
        points.append({{cx + rx, cy}, {cx, cy + ry}, {cx - rx, cy}, {cx, cy - ry}});
        constexpr int samples = 32;
        for (int i = 0; i < samples; ++i) {
            const double t = 2 * M_PI * i / samples;
            points.append({cx + rx * std::cos(t), cy + ry * std::sin(t)});
        }
    };
    if (name == QLatin1StringView("path")) {
        const SvgPathParseResult path = SvgPath::parse(a.value(QLatin1StringView("d")));
        points = SvgPath::sample(path.segments);
    } else if (name == QLatin1StringView("rect")) {
        const double x = number(a, QLatin1StringView("x"));
        const double y = number(a, QLatin1StringView("y"));
        const double w = number(a, QLatin1StringView("width"));
        const double h = number(a, QLatin1StringView("height"));
        points = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    } else if (name == QLatin1StringView("circle")) {
        const double r = number(a, QLatin1StringView("r"));
        ellipsePoints(number(a, QLatin1StringView("cx")), number(a, QLatin1StringView("cy")), r, r);
    } else if (name == QLatin1StringView("ellipse")) {
        ellipsePoints(number(a, QLatin1StringView("cx")), number(a, QLatin1StringView("cy")),
                      number(a, QLatin1StringView("rx")), number(a, QLatin1StringView("ry")));
    } else if (name == QLatin1StringView("line")) {
        points = {{number(a, QLatin1StringView("x1")), number(a, QLatin1StringView("y1"))},
                  {number(a, QLatin1StringView("x2")), number(a, QLatin1StringView("y2"))}};
    } else if (name == QLatin1StringView("polyline") || name == QLatin1StringView("polygon")) {
        const auto numbers = SvgSyntax::parseNumberList(a.value(QLatin1StringView("points")));
        if (numbers) {
            for (qsizetype i = 0; i + 1 < numbers->size(); i += 2)
                points.append({numbers->at(i), numbers->at(i + 1)});
        }
    }
    return points;
}

void Checker::shape(QStringView name, const QXmlStreamAttributes &attributes, const Frame &frame)
{
    QTransform transform = frame.transform;
    if (const auto own = SvgSyntax::parseTransform(attributes.value(QLatin1StringView("transform"))))
        transform = *own * transform;

    if (!frame.layer) {
        if (!m_reportedOutside)
            warn(QStringLiteral("A <%1> is outside the Guide, Context, Primary and Grips layers.").arg(name));
        m_reportedOutside = true;
        return;
    }
    LayerState &state = m_layers[int(*frame.layer)];
    ++state.shapes;
    const QString layer = IconDesign::layerName(*frame.layer);

    const bool grips = *frame.layer == IconLayer::Grips;
    if (grips) {
        const bool isRect = name == QLatin1StringView("rect");
        const double w = number(attributes, QLatin1StringView("width"));
        const double h = number(attributes, QLatin1StringView("height"));
        const bool translationOnly = transform.type() <= QTransform::TxTranslate;
        if (!isRect) {
            warn(QStringLiteral("The Grips layer contains a <%1>; grips must be 2×2 rects.").arg(name));
        } else if (std::fabs(w - IconDesign::gripSize) > epsilon ||
                   std::fabs(h - IconDesign::gripSize) > epsilon || !translationOnly) {
            const QPointF center = transform.map(QPointF(number(attributes, QLatin1StringView("x")) + w / 2,
                                                         number(attributes, QLatin1StringView("y")) + h / 2));
            warn(QStringLiteral("The grip at %1 is not a 2×2 square.").arg(formatPoint(center)));
        }
    }

    const double low = grips ? IconDesign::boundsMin - IconDesign::gripOverhang : IconDesign::boundsMin;
    const double high = grips ? IconDesign::boundsMax + IconDesign::gripOverhang : IconDesign::boundsMax;
    if (state.reportedBounds)
        return;
    for (const QPointF &local : shapePoints(name, attributes)) {
        const QPointF p = transform.map(local);
        if (p.x() < low - epsilon || p.x() > high + epsilon || p.y() < low - epsilon ||
            p.y() > high + epsilon) {
            if (grips)
                warn(QStringLiteral("A grip leaves the 3–29 bounds at %1.").arg(formatPoint(p)));
            else
                warn(QStringLiteral("%1 geometry leaves the 4–28 bounds at %2.").arg(layer, formatPoint(p)));
            state.reportedBounds = true;
            break;
        }
    }
}

DesignReport Checker::run(const QString &svg, std::optional<ToolType> toolType)
{
    QXmlStreamReader reader(svg);
    QList<Frame> stack;
    bool root = true;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::EndElement) {
            if (!stack.isEmpty())
                stack.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        const QXmlStreamAttributes attributes = reader.attributes();
        Frame frame = stack.isEmpty() ? Frame{} : stack.last();
        if (root) {
            root = false;
            const QStringView viewBox = attributes.value(QLatin1StringView("viewBox"));
            const auto numbers = SvgSyntax::parseNumberList(viewBox);
            const bool conforming = numbers && numbers->size() == 4 && numbers->at(0) == 0 &&
                                    numbers->at(1) == 0 && numbers->at(2) == IconDesign::canvasSize &&
                                    numbers->at(3) == IconDesign::canvasSize;
            if (viewBox.isEmpty())
                warn(QStringLiteral("The icon has no viewBox; it must be \"0 0 32 32\"."));
            else if (!conforming)
                warn(QStringLiteral("The viewBox must be \"0 0 32 32\", not \"%1\".")
                         .arg(viewBox.trimmed().left(40)));
        }
        if (name == QLatin1StringView("defs") || name == QLatin1StringView("linearGradient") ||
            name == QLatin1StringView("radialGradient")) {
            frame.inDefs = true;
        } else if (name == QLatin1StringView("g")) {
            if (const auto own = SvgSyntax::parseTransform(attributes.value(QLatin1StringView("transform"))))
                frame.transform = *own * frame.transform;
            if (const auto layer = layerOfId(attributes.value(QLatin1StringView("id")))) {
                frame.layer = layer;
                m_layers[int(*layer)].present = true;
            }
        } else if (!frame.inDefs &&
                   (name == QLatin1StringView("path") || name == QLatin1StringView("rect") ||
                    name == QLatin1StringView("circle") || name == QLatin1StringView("ellipse") ||
                    name == QLatin1StringView("line") || name == QLatin1StringView("polyline") ||
                    name == QLatin1StringView("polygon"))) {
            shape(name, attributes, frame);
        }
        stack.append(frame);
    }
    if (reader.hasError() || root) {
        m_report.warnings = {QStringLiteral("The icon could not be read as SVG.")};
        return m_report;
    }

    const auto has = [&](IconLayer layer) { return m_layers[int(layer)].shapes > 0; };
    if (has(IconLayer::Context) && !has(IconLayer::Primary))
        m_report.inferredToolType = ToolType::Analysis;
    else if (has(IconLayer::Context) && has(IconLayer::Primary))
        m_report.inferredToolType = ToolType::Modification;
    else if (has(IconLayer::Primary))
        m_report.inferredToolType = ToolType::Drawing;

    if (toolType) {
        const QString type = IconDesign::toolTypeName(*toolType);
        const QString article = *toolType == ToolType::Analysis ? QStringLiteral("An") : QStringLiteral("A");
        for (IconLayer layer : IconDesign::requiredLayers(*toolType)) {
            const LayerState &state = m_layers[int(layer)];
            if (!state.present)
                warn(QStringLiteral("%1 %2 icon needs a %3 layer.")
                         .arg(article, type, IconDesign::layerName(layer)));
            else if (state.shapes == 0)
                warn(QStringLiteral("The %1 layer is empty.").arg(IconDesign::layerName(layer)));
        }
    } else {
        if (!has(IconLayer::Primary) && !has(IconLayer::Context))
            warn(QStringLiteral("The icon needs a Primary or Context layer with geometry."));
        if (!has(IconLayer::Grips))
            warn(QStringLiteral("The icon has no grips."));
    }
    return m_report;
}

} // namespace

DesignReport checkIconDesign(const QString &sanitizedSvg, std::optional<ToolType> toolType)
{
    return Checker().run(sanitizedSvg, toolType);
}
