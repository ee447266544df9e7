// The 3D kit's shapes: every object of a view as a polygon mesh with classified edges.
#include "scene/kit3d.h"

#include <cmath>
#include <numbers>

namespace scene::kit3d {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kRound = 32; // facets around a full revolution

// Maps profile coordinates (u, v) and the extrusion coordinate w onto model axes.
Vec3 extrusionPoint(double u, double v, double w, char axis)
{
    switch (axis) {
    case 'x':
        return {w, u, v};
    case 'y':
        return {u, w, v};
    default:
        return {u, v, w};
    }
}

Vec3 revolutionPoint(double r, double z, double phi, char axis)
{
    const double c = r * std::cos(phi * kDeg), s = r * std::sin(phi * kDeg);
    switch (axis) {
    case 'x':
        return {z, c, s};
    case 'y':
        return {c, z, s};
    default:
        return {c, s, z};
    }
}

Mesh extrusion(const QList<QPointF> &profile, const QList<bool> &smooth, double w0, double w1, char axis)
{
    Mesh m;
    const qsizetype n = profile.size();
    QList<int> bottom, top;
    for (const QPointF &p : profile) {
        bottom << m.addVertex(extrusionPoint(p.x(), p.y(), w0, axis));
        top << m.addVertex(extrusionPoint(p.x(), p.y(), w1, axis));
    }
    QList<int> start;
    for (qsizetype i = n - 1; i >= 0; --i)
        start << bottom.at(i);
    m.addFace(start, QStringLiteral("start"));
    m.addFace(top, QStringLiteral("end"));
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype j = (i + 1) % n;
        m.addFace({bottom.at(i), bottom.at(j), top.at(j), top.at(i)}, QStringLiteral("side%1").arg(i));
        if (smooth.value(i))
            m.setEdge(bottom.at(i), top.at(i), EdgeClass::Smooth);
    }
    return m;
}

// A profile (radius, z) swept around the axis. A profile whose first and last points coincide is a
// closed section (torus, tube); points on the axis become poles.
Mesh revolution(QList<QPointF> profile, QList<bool> smooth, double sweep, char axis,
                const QList<int> &lineParallels = {})
{
    Mesh m;
    smooth.resize(profile.size());
    bool closedProfile = false;
    if (profile.size() > 2) {
        const QPointF d = profile.first() - profile.last();
        if (std::hypot(d.x(), d.y()) < 1e-9) {
            closedProfile = true;
            profile.removeLast();
            smooth.removeLast();
        }
    }
    const bool full = sweep >= 360 - 1e-9;
    const int segments = full ? kRound : std::max(2, int(std::ceil(sweep / (360.0 / kRound))));
    const int ring = full ? segments : segments + 1;
    const qsizetype n = profile.size();
    QList<QList<int>> index(n);
    for (qsizetype i = 0; i < n; ++i) {
        const QPointF p = profile.at(i);
        if (p.x() < 1e-9) {
            const int pole = m.addVertex(revolutionPoint(0, p.y(), 0, axis));
            index[i] = QList<int>(ring, pole);
            continue;
        }
        for (int k = 0; k < ring; ++k)
            index[i] << m.addVertex(revolutionPoint(p.x(), p.y(), sweep * k / segments, axis));
    }
    const qsizetype bands = closedProfile ? n : n - 1;
    for (qsizetype i = 0; i < bands; ++i) {
        const qsizetype j = (i + 1) % n;
        for (int k = 0; k < segments; ++k) {
            const int k1 = (k + 1) % ring;
            m.addFace({index[i][k], index[i][k1], index[j][k1], index[j][k]},
                      QStringLiteral("side%1").arg(i));
            m.setEdge(index[i][k], index[j][k], EdgeClass::Smooth); // meridians: silhouettes only
        }
    }
    for (qsizetype i = 0; i < n; ++i) {
        const EdgeClass c = lineParallels.contains(int(i)) ? EdgeClass::Line
                            : smooth.value(i)              ? EdgeClass::Smooth
                                                           : EdgeClass::Sharp;
        for (int k = 0; k < segments; ++k) {
            if (index[i][k] != index[i][(k + 1) % ring])
                m.setEdge(index[i][k], index[i][(k + 1) % ring], c);
        }
    }
    const bool endsOnAxis = profile.first().x() < 1e-9 && profile.last().x() < 1e-9;
    m.closed = full && (closedProfile || endsOnAxis);
    return m;
}

QList<QPointF> regularPolygon(double radius, int sides, double startDeg)
{
    QList<QPointF> out;
    for (int i = 0; i < sides; ++i) {
        const double a = (startDeg + 360.0 * i / sides) * kDeg;
        out << QPointF(radius * std::cos(a), radius * std::sin(a));
    }
    return out;
}

// Height at (s, t) ∈ [0, 1]² of a Catmull-Rom surface through the grid.
double gridHeight(const Object3d &o, double s, double t)
{
    const auto value = [&](int r, int c) {
        return o.heights.at(std::clamp(r, 0, o.rows - 1) * o.cols + std::clamp(c, 0, o.cols - 1));
    };
    const auto spline = [](double p0, double p1, double p2, double p3, double u) {
        return 0.5 * (2 * p1 + (p2 - p0) * u + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u * u +
                      (3 * p1 - p0 - 3 * p2 + p3) * u * u * u);
    };
    const double gx = s * (o.cols - 1), gy = t * (o.rows - 1);
    const int cx = std::min(int(gx), o.cols - 2), cy = std::min(int(gy), o.rows - 2);
    const double ux = gx - cx, uy = gy - cy;
    double rows[4];
    for (int k = 0; k < 4; ++k) {
        const int r = cy - 1 + k;
        rows[k] = spline(value(r, cx - 1), value(r, cx), value(r, cx + 1), value(r, cx + 2), ux);
    }
    return spline(rows[0], rows[1], rows[2], rows[3], uy);
}

Mesh grid(const Object3d &o, bool faceted)
{
    Mesh m;
    m.closed = false;
    const double w = o.size.x, d = o.size.y;
    int nu, nv, ku = 1, kv = 1;
    if (faceted) {
        nu = o.cols - 1;
        nv = o.rows - 1;
        m.defaultClass = EdgeClass::Line;
    } else {
        ku = std::max(1, int(std::ceil(12.0 / (o.isoU + 1))));
        kv = std::max(1, int(std::ceil(12.0 / (o.isoV + 1))));
        nu = (o.isoU + 1) * ku;
        nv = (o.isoV + 1) * kv;
        m.defaultClass = EdgeClass::Silent; // tessellation; boundaries (one face) are drawn anyway
    }
    QList<int> idx;
    for (int j = 0; j <= nv; ++j) {
        for (int i = 0; i <= nu; ++i) {
            const double s = double(i) / nu, t = double(j) / nv;
            const double z = faceted ? o.heights.at(j * o.cols + i) : gridHeight(o, s, t);
            idx << m.addVertex({-w / 2 + w * s, -d / 2 + d * t, z});
        }
    }
    const auto at = [&](int i, int j) { return idx.at(j * (nu + 1) + i); };
    for (int j = 0; j < nv; ++j) {
        for (int i = 0; i < nu; ++i) {
            const QString name = QStringLiteral("cell%1").arg(j * nu + i);
            if (faceted && o.triangles) {
                // Alternate diagonals so the triangulation reads as a mesh, not as hatching.
                if ((i + j) % 2 == 0) {
                    m.addFace({at(i, j), at(i + 1, j), at(i + 1, j + 1)}, name);
                    m.addFace({at(i, j), at(i + 1, j + 1), at(i, j + 1)}, name);
                } else {
                    m.addFace({at(i, j), at(i + 1, j), at(i, j + 1)}, name);
                    m.addFace({at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)}, name);
                }
            } else {
                m.addFace({at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)}, name);
            }
        }
    }
    if (!faceted) {
        for (int j = kv; j < nv; j += kv) {
            for (int i = 0; i < nu; ++i)
                m.setEdge(at(i, j), at(i + 1, j), EdgeClass::Line);
        }
        for (int i = ku; i < nu; i += ku) {
            for (int j = 0; j < nv; ++j)
                m.setEdge(at(i, j), at(i, j + 1), EdgeClass::Line);
        }
    }
    return m;
}

QStringList boxAliases(const QStringList &faces)
{
    QStringList out;
    for (const QString &f : faces) {
        if (f == QLatin1String("bottom"))
            out << QStringLiteral("side0");
        else if (f == QLatin1String("right"))
            out << QStringLiteral("side1");
        else if (f == QLatin1String("top"))
            out << QStringLiteral("side2");
        else if (f == QLatin1String("left"))
            out << QStringLiteral("side3");
        else if (f == QLatin1String("front"))
            out << QStringLiteral("start");
        else if (f == QLatin1String("back"))
            out << QStringLiteral("end");
        else
            out << f;
    }
    return out;
}

} // namespace

quint64 Mesh::edgeKey(int a, int b)
{
    if (a > b)
        std::swap(a, b);
    return (quint64(quint32(a)) << 32) | quint32(b);
}

int Mesh::addVertex(const Vec3 &v)
{
    vertices.append(v);
    return int(vertices.size() - 1);
}

void Mesh::addFace(QList<int> indices, const QString &name)
{
    // Poles repeat a vertex: drop the repeats; a face needs three distinct corners.
    QList<int> unique;
    for (int i : indices) {
        if (unique.isEmpty() || (unique.last() != i && unique.first() != i))
            unique << i;
    }
    if (unique.size() < 3)
        return;
    faces.append(unique);
    faceNames.append(name);
}

void Mesh::setEdge(int a, int b, EdgeClass c)
{
    edgeClasses.insert(edgeKey(a, b), c);
}

Mesh buildMesh(const Object3d &o)
{
    switch (o.shape) {
    case Shape3d::Box: {
        const double w = o.size.x, d = o.size.y, h = o.size.z;
        Mesh m = extrusion({{-w / 2, 0}, {w / 2, 0}, {w / 2, h}, {-w / 2, h}}, {}, -d / 2, d / 2, 'y');
        return m;
    }
    case Shape3d::Wedge: {
        const double w = o.size.x, d = o.size.y, h = o.size.z;
        return extrusion({{-w / 2, 0}, {w / 2, 0}, {-w / 2, h}}, {}, -d / 2, d / 2, 'y');
    }
    case Shape3d::Prism:
        return extrusion(regularPolygon(o.radius, o.sides, 90.0 - 180.0 / o.sides), {}, 0, o.height, 'z');
    case Shape3d::Extrusion:
        return extrusion(o.profile, o.smooth, 0, o.height, o.axis);
    case Shape3d::Pyramid: {
        Mesh m;
        const QList<QPointF> base = regularPolygon(o.radius, o.sides, 90.0 - 180.0 / o.sides);
        QList<int> ring;
        for (const QPointF &p : base)
            ring << m.addVertex({p.x(), p.y(), 0});
        QList<int> reversed(ring.rbegin(), ring.rend());
        m.addFace(reversed, QStringLiteral("base"));
        if (o.radius2 > 1e-9) { // a frustum: the top is a smaller copy of the base
            QList<int> top;
            for (const QPointF &p : base)
                top << m.addVertex({p.x() * o.radius2 / o.radius, p.y() * o.radius2 / o.radius, o.height});
            m.addFace(top, QStringLiteral("top"));
            for (qsizetype i = 0; i < ring.size(); ++i) {
                const qsizetype j = (i + 1) % ring.size();
                m.addFace({ring.at(i), ring.at(j), top.at(j), top.at(i)}, QStringLiteral("side%1").arg(i));
            }
            return m;
        }
        const int apex = m.addVertex({0, 0, o.height});
        for (qsizetype i = 0; i < ring.size(); ++i)
            m.addFace({ring.at(i), ring.at((i + 1) % ring.size()), apex}, QStringLiteral("side%1").arg(i));
        return m;
    }
    case Shape3d::Cylinder:
        return revolution({{0, 0}, {o.radius, 0}, {o.radius, o.height}, {0, o.height}}, {}, 360, 'z');
    case Shape3d::Cone:
        if (o.radius2 > 1e-9)
            return revolution({{0, 0}, {o.radius, 0}, {o.radius2, o.height}, {0, o.height}}, {}, 360, 'z');
        return revolution({{0, 0}, {o.radius, 0}, {0, o.height}}, {}, 360, 'z');
    case Shape3d::Tube:
        return revolution(
            {{o.radius2, 0}, {o.radius, 0}, {o.radius, o.height}, {o.radius2, o.height}, {o.radius2, 0}}, {},
            360, 'z');
    case Shape3d::Sphere: {
        QList<QPointF> profile;
        QList<bool> smooth;
        constexpr int steps = 12;
        for (int i = 0; i <= steps; ++i) {
            const double a = 180.0 * i / steps;
            profile << QPointF(o.radius * std::sin(a * kDeg), -o.radius * std::cos(a * kDeg));
            smooth << true;
        }
        return revolution(profile, smooth, 360, 'z', {steps / 2}); // the equator drawn as a line
    }
    case Shape3d::Torus: {
        QList<QPointF> profile;
        QList<bool> smooth;
        constexpr int steps = 16;
        for (int i = 0; i <= steps; ++i) {
            const double a = 360.0 * i / steps;
            profile << QPointF(o.radius + o.radius2 * std::cos(a * kDeg), o.radius2 * std::sin(a * kDeg));
            smooth << true;
        }
        return revolution(profile, smooth, 360, 'z');
    }
    case Shape3d::Revolution:
        return revolution(o.profile, o.smooth, o.sweep, o.axis);
    case Shape3d::Plane:
    case Shape3d::Patch:
        return grid(o, false);
    case Shape3d::Mesh:
        return grid(o, true);
    default:
        break; // wires have no faces
    }
    return {};
}

// Box face aliases are resolved here so render() can compare names directly.
QStringList highlightNames(const Object3d &o)
{
    if (o.shape == Shape3d::Box)
        return boxAliases(o.highlightFaces);
    if (o.shape == Shape3d::Wedge || o.shape == Shape3d::Prism) {
        QStringList out;
        for (const QString &f : o.highlightFaces) {
            if (f == QLatin1String("front") || (o.shape == Shape3d::Prism && f == QLatin1String("bottom")))
                out << QStringLiteral("start");
            else if (f == QLatin1String("back") || (o.shape == Shape3d::Prism && f == QLatin1String("top")))
                out << QStringLiteral("end");
            else if (o.shape == Shape3d::Wedge && f == QLatin1String("bottom"))
                out << QStringLiteral("side0");
            else if (o.shape == Shape3d::Wedge && f == QLatin1String("slope"))
                out << QStringLiteral("side1");
            else
                out << f;
        }
        return out;
    }
    return o.highlightFaces;
}

} // namespace scene::kit3d
