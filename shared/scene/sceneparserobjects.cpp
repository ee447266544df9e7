#include "scene/scenereader.h"

// The 3D objects of a view3d element: every shape with the keys it takes.
namespace scene::detail {

namespace {

constexpr EnumName<bool> faceNames[] = {{"quads", false}, {"triangles", true}};

} // namespace

void Reader::heightGrid(const QJsonObject &o, const QString &path, Object3d &out)
{
    const QString p = at(path, "heights");
    const QJsonValue v = o.value(QLatin1String("heights"));
    if (v.isUndefined()) { // a flat grid
        out.rows = out.cols = 2;
        out.heights = {0, 0, 0, 0};
        return;
    }
    const QJsonArray rows = v.toArray();
    if (!v.isArray() || rows.size() < 2 || rows.size() > limits::maxGrid) {
        fail(p, QStringLiteral("must be a list of 2 to %1 rows of heights").arg(limits::maxGrid));
        return;
    }
    const qsizetype cols = rows.at(0).toArray().size();
    if (cols < 2 || cols > limits::maxGrid) {
        fail(item(p, 0), QStringLiteral("must hold 2 to %1 heights").arg(limits::maxGrid));
        return;
    }
    out.rows = int(rows.size());
    out.cols = int(cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        if (!rows.at(r).isArray() || row.size() != cols) {
            fail(item(p, r), QStringLiteral("must hold %1 heights like the first row").arg(cols));
            out.rows = 0;
            return;
        }
        for (qsizetype c = 0; c < cols; ++c)
            out.heights << numberValue(row.at(c), item(item(p, r), c), -kMax, kMax);
    }
    pointCount += int(out.heights.size());
}

Object3d Reader::object(const QJsonObject &o, const QString &path)
{
    Object3d obj;
    obj.shape = choice<Shape3d>(o, path, "shape", shapeNames, std::nullopt);
    const Shape3d s = obj.shape;
    const bool grip = s == Shape3d::Grip;
    QList<const char *> keys{"shape", "position"};
    if (!grip)
        keys << "layer"
             << "hidden"
             << "rotation";
    const auto allow = [&](Keys more) {
        for (const char *k : more)
            keys << k;
    };
    const double big = kMax;
    const auto positive = [&](const char *key, std::optional<double> fallback = std::nullopt) {
        return number(o, path, key, 0.01, big, fallback);
    };
    if (!grip) {
        obj.layer = strokeLayer(o, path, IconLayer::Primary);
        obj.showHidden = boolean(o, path, "hidden", true);
        obj.rotation = point3(o, path, "rotation", Vec3());
    }
    obj.position = point3(o, path, "position", grip ? std::nullopt : std::optional<Vec3>(Vec3()));
    const auto readAxis = [&] {
        allow({"axis"});
        const QString a = string(o, path, "axis", 1, false);
        if (a.isEmpty())
            return;
        if (a != QLatin1String("x") && a != QLatin1String("y") && a != QLatin1String("z"))
            fail(at(path, "axis"), QStringLiteral("must be \"x\", \"y\" or \"z\""));
        else
            obj.axis = char(a.at(0).toLatin1());
    };
    const auto readProfile = [&](int min) {
        allow({"profile", "smooth"});
        obj.profile = points(o, path, "profile", min, 128);
        obj.smooth = QList<bool>(obj.profile.size(), false);
        const QJsonValue sv = o.value(QLatin1String("smooth"));
        if (sv.isUndefined())
            return;
        const QJsonArray sa = sv.toArray();
        if (!sv.isArray() || sa.size() != obj.profile.size()) {
            fail(at(path, "smooth"), QStringLiteral("must hold one true/false per profile point"));
            return;
        }
        for (qsizetype i = 0; i < sa.size(); ++i) {
            if (!sa.at(i).isBool())
                fail(item(at(path, "smooth"), i), QStringLiteral("must be true or false"));
            obj.smooth[i] = sa.at(i).toBool();
        }
    };
    const auto readWire = [&](int min, int max) {
        allow({"points"});
        const QString p = at(path, "points");
        const QJsonArray a = o.value(QLatin1String("points")).toArray();
        if (a.size() < min || a.size() > max) {
            fail(p, QStringLiteral("must hold %1 to %2 points [x, y, z]").arg(min).arg(max));
            return;
        }
        for (qsizetype i = 0; i < a.size(); ++i)
            obj.points << point3(a.at(i), item(p, i));
    };
    switch (s) {
    case Shape3d::Box:
    case Shape3d::Wedge: {
        allow({"size"});
        obj.size = point3(o, path, "size", std::nullopt);
        if (obj.size.x <= 0 || obj.size.y <= 0 || obj.size.z <= 0)
            fail(at(path, "size"), QStringLiteral("must be positive in x, y and z"));
        break;
    }
    case Shape3d::Cylinder:
        allow({"radius", "height"});
        obj.radius = positive("radius");
        obj.height = positive("height");
        break;
    case Shape3d::Cone:
        allow({"radius", "height", "top"});
        obj.radius = positive("radius");
        obj.height = positive("height");
        obj.radius2 = number(o, path, "top", 0, big, 0.0);
        break;
    case Shape3d::Sphere:
        allow({"radius"});
        obj.radius = positive("radius");
        break;
    case Shape3d::Torus:
        allow({"radius", "tube"});
        obj.radius = positive("radius");
        obj.radius2 = positive("tube");
        if (obj.radius2 >= obj.radius)
            fail(at(path, "tube"), QStringLiteral("must be smaller than the radius"));
        break;
    case Shape3d::Prism:
    case Shape3d::Pyramid:
        allow({"radius", "height", "sides"});
        obj.radius = positive("radius");
        obj.height = positive("height");
        obj.sides = integer(o, path, "sides", 3, 12, 6);
        if (s == Shape3d::Pyramid) { // "top": a frustum
            allow({"top"});
            obj.radius2 = number(o, path, "top", 0, big, 0.0);
            if (obj.radius2 >= obj.radius)
                fail(at(path, "top"), QStringLiteral("must be smaller than the radius"));
        }
        break;
    case Shape3d::Tube:
        allow({"radius", "inner", "height"});
        obj.radius = positive("radius");
        obj.radius2 = positive("inner");
        obj.height = positive("height");
        if (obj.radius2 >= obj.radius)
            fail(at(path, "inner"), QStringLiteral("must be smaller than the radius"));
        break;
    case Shape3d::Plane:
    case Shape3d::Patch:
    case Shape3d::Mesh: {
        allow({"size"});
        const QPointF size = point(o, path, "size");
        obj.size = {size.x(), size.y(), 0};
        if (size.x() <= 0 || size.y() <= 0)
            fail(at(path, "size"), QStringLiteral("must be positive in x and y"));
        if (s == Shape3d::Plane) {
            obj.rows = obj.cols = 2;
            obj.heights = {0, 0, 0, 0};
        } else {
            allow({"heights"});
            heightGrid(o, path, obj);
        }
        if (s == Shape3d::Plane || s == Shape3d::Patch) {
            allow({"isocurves"});
            const QJsonValue iv = o.value(QLatin1String("isocurves"));
            if (!iv.isUndefined()) {
                const QJsonArray ia = iv.toArray();
                if (!iv.isArray() || ia.size() != 2) {
                    fail(at(path, "isocurves"), QStringLiteral("must be [u, v]"));
                } else {
                    obj.isoU = int(numberValue(ia.at(0), item(at(path, "isocurves"), 0), 0, 12));
                    obj.isoV = int(numberValue(ia.at(1), item(at(path, "isocurves"), 1), 0, 12));
                }
            }
        } else {
            allow({"faces"});
            obj.triangles = choice<bool>(o, path, "faces", faceNames, false);
        }
        break;
    }
    case Shape3d::Extrusion:
        readProfile(3);
        allow({"height"});
        obj.height = positive("height");
        readAxis();
        break;
    case Shape3d::Revolution:
        readProfile(2);
        allow({"sweep"});
        obj.sweep = number(o, path, "sweep", 1, 360, 360.0);
        readAxis();
        for (qsizetype i = 0; i < obj.profile.size(); ++i) {
            if (obj.profile.at(i).x() < 0)
                fail(item(at(path, "profile"), i), QStringLiteral("a revolution profile needs radius ≥ 0"));
        }
        break;
    case Shape3d::Line:
        readWire(2, 2);
        break;
    case Shape3d::Polyline:
        readWire(2, 128);
        allow({"closed"});
        obj.closed = boolean(o, path, "closed", false);
        break;
    case Shape3d::Arrow:
        readWire(2, 128);
        allow({"heads"});
        obj.heads = heads(o, path);
        break;
    case Shape3d::Circle:
        allow({"radius"});
        obj.radius = positive("radius");
        readAxis();
        break;
    case Shape3d::Arc:
        allow({"radius", "start", "sweep"});
        obj.radius = positive("radius");
        obj.start = number(o, path, "start", -3600, 3600);
        obj.sweep = number(o, path, "sweep", -360, 360);
        readAxis();
        break;
    case Shape3d::Helix:
        allow({"radius", "height", "turns"});
        obj.radius = positive("radius");
        obj.height = positive("height");
        obj.turns = number(o, path, "turns", 0.25, 12);
        break;
    case Shape3d::Grip:
        break;
    }
    if (!isWire(s)) {
        allow({"highlight"});
        const QJsonValue hv = o.value(QLatin1String("highlight"));
        if (!hv.isUndefined()) {
            const QString hp = at(path, "highlight");
            const QJsonObject h = hv.toObject();
            onlyKeys(h, hp, {"faces", "layer"});
            const QJsonArray faces = h.value(QLatin1String("faces")).toArray();
            if (!hv.isObject() || faces.isEmpty() || faces.size() > 64)
                fail(hp, QStringLiteral("must be {\"faces\": [names], \"layer\": …}"));
            for (qsizetype i = 0; i < faces.size(); ++i) {
                const QString f = faces.at(i).toString();
                if (f.isEmpty() || f.size() > 16)
                    fail(item(at(hp, "faces"), i), QStringLiteral("must be a face name"));
                else
                    obj.highlightFaces << f;
            }
            obj.highlightLayer = strokeLayer(h, hp, IconLayer::Primary);
        }
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char *k : std::as_const(keys))
            known = known || it.key() == QLatin1String(k);
        if (!known)
            fail(path + QLatin1Char('.') + it.key(),
                 QStringLiteral("unknown key for a %1").arg(shapeName(s)));
    }
    return obj;
}

} // namespace scene::detail
