#include "scene/sceneedits.h"

#include "scene/flatten.h"
#include "scene/sceneparser.h"

#include <QJsonObject>

#include <cmath>

namespace scene {

namespace {

const QString kLayer = QStringLiteral("layer");
const QString kGuide = QStringLiteral("guide");

QJsonArray withoutGuides(const QJsonArray &elements)
{
    QJsonArray out;
    for (const QJsonValue &value : elements) {
        QJsonObject e = value.toObject();
        if (e.value(kLayer).toString() == kGuide)
            continue;
        const QString type = e.value(QLatin1String("type")).toString();
        if (type == QLatin1String("group")) {
            e.insert(QStringLiteral("elements"), withoutGuides(e.value(QLatin1String("elements")).toArray()));
        } else if (type == QLatin1String("view3d")) {
            QJsonArray objects;
            for (const QJsonValue &o : e.value(QLatin1String("objects")).toArray()) {
                QJsonObject object = o.toObject();
                if (object.value(kLayer).toString() == kGuide)
                    continue;
                object.insert(QStringLiteral("hidden"), false); // hidden edges are drawn on the Guide layer
                objects.append(object);
            }
            e.insert(QStringLiteral("objects"), objects);
        }
        out.append(e);
    }
    return out;
}

QJsonArray point(QPointF p)
{
    // Canvas units to 1/100, as the renderer writes them.
    return QJsonArray{std::round(p.x() * 100) / 100, std::round(p.y() * 100) / 100};
}

// The open ends of the Primary strokes, in the order drawn, without those that already carry a grip.
QList<QPointF> openEnds(const QJsonArray &elements)
{
    QList<SceneError> errors;
    const QList<SceneElement> parsed = SceneParser::parseElements(elements, &errors);
    if (!errors.isEmpty())
        return {};
    const FlatDrawing drawing = flatten(parsed);
    QList<QPointF> ends;
    const auto add = [&](QPointF p) {
        const auto near = [&](QPointF q) { return std::hypot(p.x() - q.x(), p.y() - q.y()) < 1.0; };
        if (std::none_of(drawing.grips.begin(), drawing.grips.end(), near) &&
            std::none_of(ends.begin(), ends.end(), near))
            ends << p;
    };
    for (const FlatStroke &s : drawing.layer(IconLayer::Primary)) {
        if (s.kind == FlatStroke::Kind::Polyline && !s.closed && s.points.size() >= 2) {
            add(s.points.constFirst());
            add(s.points.constLast());
        } else if (s.kind == FlatStroke::Kind::Path && !s.path.isEmpty()) {
            // Every subpath that is not closed has two ends.
            QPointF start, last;
            bool open = false;
            for (const PathCommand &c : s.path) {
                if (c.op == PathCommand::Op::Move) {
                    if (open) {
                        add(start);
                        add(last);
                    }
                    start = last = c.to;
                    open = false;
                } else if (c.op == PathCommand::Op::Close) {
                    open = false;
                } else {
                    last = c.to;
                    open = true;
                }
            }
            if (open && std::hypot(start.x() - last.x(), start.y() - last.y()) > 0.01) {
                add(start);
                add(last);
            }
        }
    }
    return ends;
}

} // namespace

QJsonArray applyEdits(const QJsonArray &elements, const SceneEdits &edits)
{
    QJsonArray out = edits.hideGuides ? withoutGuides(elements) : elements;
    if (edits.mirror || edits.rotate != 0) {
        QJsonObject transform{{QStringLiteral("origin"), QJsonArray{16, 16}}};
        if (edits.mirror)
            transform.insert(QStringLiteral("mirror"), QStringLiteral("x"));
        if (edits.rotate != 0)
            transform.insert(QStringLiteral("rotate"), edits.rotate);
        out = QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("group")},
                                     {QStringLiteral("transform"), transform},
                                     {QStringLiteral("elements"), out}}};
    }
    if (edits.endGrips) {
        for (const QPointF &p : openEnds(out))
            out.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("grip")},
                                   {QStringLiteral("at"), point(p)}});
    }
    return out;
}

} // namespace scene
