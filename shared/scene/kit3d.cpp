// The 3D kit's projector: parallel projection, hidden-line removal, chaining into polylines.
#include "scene/kit3d.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace scene::kit3d {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

Vec3 operator+(Vec3 a, Vec3 b)
{
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
Vec3 operator-(Vec3 a, Vec3 b)
{
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
Vec3 operator*(Vec3 a, double k)
{
    return {a.x * k, a.y * k, a.z * k};
}
double dot(Vec3 a, Vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
Vec3 cross(Vec3 a, Vec3 b)
{
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
Vec3 normalized(Vec3 a)
{
    const double n = std::sqrt(dot(a, a));
    return n < 1e-15 ? Vec3{0, 0, 1} : a * (1.0 / n);
}

// A parallel projection: screen x = P·right, screen y (up) = P·up; depth = P·toViewer.
struct Camera
{
    Vec3 right, up, toViewer;
    QPointF project(Vec3 p) const { return {dot(p, right), -dot(p, up)}; } // y down, as the canvas
    double depth(Vec3 p) const { return dot(p, toViewer); }
};

Camera camera(Projection projection)
{
    switch (projection) {
    case Projection::Cabinet: {
        // Front face true to size, depth receding up and to the right at 45°, halved.
        const double k = 0.5 * std::sqrt(0.5);
        return {{1, k, 0}, {0, k, 1}, normalized({k, -1, k})};
    }
    case Projection::Top:
        return {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    case Projection::Front:
        return {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}};
    case Projection::Side:
        return {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
    case Projection::Isometric:
        break;
    }
    // Seen from the front, right and above: front, right and top faces visible.
    const double r2 = std::sqrt(2.0), r6 = std::sqrt(6.0), r3 = std::sqrt(3.0);
    return {{1 / r2, 1 / r2, 0}, {-1 / r6, 1 / r6, 2 / r6}, {1 / r3, -1 / r3, 1 / r3}};
}

// Rotation about x, then y, then z (degrees), then the position.
struct Placement
{
    double m[3][3];
    Vec3 position;
    explicit Placement(const Object3d &o)
        : position(o.position)
    {
        const double ax = o.rotation.x * kDeg, ay = o.rotation.y * kDeg, az = o.rotation.z * kDeg;
        const double cx = std::cos(ax), sx = std::sin(ax), cy = std::cos(ay), sy = std::sin(ay),
                     cz = std::cos(az), sz = std::sin(az);
        // Rz · Ry · Rx
        m[0][0] = cz * cy;
        m[0][1] = cz * sy * sx - sz * cx;
        m[0][2] = cz * sy * cx + sz * sx;
        m[1][0] = sz * cy;
        m[1][1] = sz * sy * sx + cz * cx;
        m[1][2] = sz * sy * cx - cz * sx;
        m[2][0] = -sy;
        m[2][1] = cy * sx;
        m[2][2] = cy * cx;
    }
    Vec3 map(Vec3 p) const
    {
        return Vec3{m[0][0] * p.x + m[0][1] * p.y + m[0][2] * p.z,
                    m[1][0] * p.x + m[1][1] * p.y + m[1][2] * p.z,
                    m[2][0] * p.x + m[2][1] * p.y + m[2][2] * p.z} +
               position;
    }
};

struct Triangle
{
    QPointF a, b, c;
    double da, db, dc; // depths
    int face;          // global face id
    QRectF box;
};

struct DrawEdge
{
    Vec3 p0, p1;
    IconLayer layer;
    bool hiddenToGuide;
    int f0 = -1, f1 = -1; // faces the edge lies on (never occlude it)
};

struct Segment
{
    QPointF a, b;
};

struct PendingHead
{
    Vec3 tip, before;
    IconLayer layer;
};

// Expands "side2-5" into side2 … side5.
QStringList expandRanges(const QStringList &names)
{
    static const QRegularExpression range(QStringLiteral("^side(\\d+)-(\\d+)$"));
    QStringList out;
    for (const QString &n : names) {
        const auto m = range.match(n);
        if (!m.hasMatch()) {
            out << n;
            continue;
        }
        const int from = m.captured(1).toInt(), to = std::min(m.captured(2).toInt(), from + 64);
        for (int i = from; i <= to; ++i)
            out << QStringLiteral("side%1").arg(i);
    }
    return out;
}

QList<Vec3> wirePoints(const Object3d &o)
{
    QList<Vec3> pts;
    const auto ring = [&](double start, double sweep) {
        const int steps = std::max(2, int(std::ceil(std::abs(sweep) / 7.5)));
        for (int i = 0; i <= steps; ++i) {
            const double a = (start + sweep * i / steps) * kDeg;
            const double c = o.radius * std::cos(a), s = o.radius * std::sin(a);
            pts << (o.axis == 'x' ? Vec3{0, c, s} : o.axis == 'y' ? Vec3{c, 0, s} : Vec3{c, s, 0});
        }
    };
    switch (o.shape) {
    case Shape3d::Circle:
        ring(0, 360);
        break;
    case Shape3d::Arc:
        ring(o.start, o.sweep);
        break;
    case Shape3d::Helix: {
        const int steps = std::max(8, int(std::ceil(o.turns * 24)));
        for (int i = 0; i <= steps; ++i) {
            const double t = double(i) / steps, a = t * o.turns * 360 * kDeg;
            pts << Vec3{o.radius * std::cos(a), o.radius * std::sin(a), o.height * t};
        }
        break;
    }
    default:
        pts = o.points;
        if (o.closed && pts.size() > 2)
            pts << pts.first();
        break;
    }
    return pts;
}

class Projector
{
public:
    Projector(const SceneElement &view)
        : m_view(view)
        , m_camera(camera(view.projection))
    {}
    FlatDrawing run();

private:
    void addMesh(const Object3d &o);
    void addWire(const Object3d &o);
    bool hidden(Vec3 p, int f0, int f1) const;
    void classify(const DrawEdge &e, double scale);
    void buildBins();
    QList<QList<QPointF>> chain(const QList<Segment> &segments) const;

    const SceneElement &m_view;
    Camera m_camera;
    QList<Triangle> m_triangles;
    QList<DrawEdge> m_edges;
    QList<Vec3> m_grips;
    QList<PendingHead> m_heads;
    int m_faceCount = 0;
    QList<Segment> m_out[3];
    // Bins of triangles over the projected bounds.
    static constexpr int kBins = 16;
    QRectF m_binArea;
    QList<int> m_bins[kBins * kBins];
    double m_tolerance = 1e-6;
};

void Projector::addMesh(const Object3d &o)
{
    Mesh mesh = buildMesh(o);
    if (mesh.faces.isEmpty())
        return;
    const Placement place(o);
    for (Vec3 &v : mesh.vertices)
        v = place.map(v);
    // Closed solids face outwards: fix the winding by the signed volume.
    if (mesh.closed) {
        double volume = 0;
        for (const QList<int> &f : std::as_const(mesh.faces)) {
            for (qsizetype i = 1; i + 1 < f.size(); ++i)
                volume += dot(mesh.vertices.at(f.at(0)),
                              cross(mesh.vertices.at(f.at(i)), mesh.vertices.at(f.at(i + 1))));
        }
        if (volume < 0) {
            for (QList<int> &f : mesh.faces)
                std::reverse(f.begin(), f.end());
        }
    }
    const QStringList highlight = expandRanges(highlightNames(o));
    const int base = m_faceCount;
    QList<bool> front, lit;
    for (qsizetype fi = 0; fi < mesh.faces.size(); ++fi) {
        const QList<int> &f = mesh.faces.at(fi);
        Vec3 n{0, 0, 0}; // Newell's normal
        for (qsizetype i = 0; i < f.size(); ++i) {
            const Vec3 a = mesh.vertices.at(f.at(i)), b = mesh.vertices.at(f.at((i + 1) % f.size()));
            n = n + Vec3{(a.y - b.y) * (a.z + b.z), (a.z - b.z) * (a.x + b.x), (a.x - b.x) * (a.y + b.y)};
        }
        front << (dot(normalized(n), m_camera.toViewer) > 1e-9);
        lit << highlight.contains(mesh.faceNames.at(fi));
        // Fan triangulation: faces are convex except the caps of concave profiles, which we split
        // by ear clipping in the face's own plane.
        QList<int> poly = f;
        const Vec3 nn = normalized(n);
        const auto flat = [&](int idx) {
            const Vec3 p = mesh.vertices.at(idx);
            const double ax = std::abs(nn.x), ay = std::abs(nn.y), az = std::abs(nn.z);
            if (az >= ax && az >= ay)
                return QPointF(p.x, nn.z >= 0 ? p.y : -p.y);
            if (ay >= ax)
                return QPointF(p.z, nn.y >= 0 ? p.x : -p.x);
            return QPointF(p.y, nn.x >= 0 ? p.z : -p.z);
        };
        const auto addTriangle = [&](int i0, int i1, int i2) {
            const Vec3 a = mesh.vertices.at(i0), b = mesh.vertices.at(i1), c = mesh.vertices.at(i2);
            Triangle t{m_camera.project(a), m_camera.project(b), m_camera.project(c), m_camera.depth(a),
                       m_camera.depth(b),   m_camera.depth(c),   base + int(fi),      {}};
            const double x0 = std::min({t.a.x(), t.b.x(), t.c.x()}),
                         x1 = std::max({t.a.x(), t.b.x(), t.c.x()});
            const double y0 = std::min({t.a.y(), t.b.y(), t.c.y()}),
                         y1 = std::max({t.a.y(), t.b.y(), t.c.y()});
            t.box = QRectF(QPointF(x0, y0), QPointF(x1, y1));
            m_triangles.append(t);
        };
        int guard = 0;
        while (poly.size() > 3 && guard++ < 256) {
            bool clipped = false;
            for (qsizetype i = 0; i < poly.size() && !clipped; ++i) {
                const qsizetype ip = (i + poly.size() - 1) % poly.size(), in = (i + 1) % poly.size();
                const QPointF a = flat(poly.at(ip)), b = flat(poly.at(i)), c = flat(poly.at(in));
                const double turn = (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
                if (turn <= 1e-12)
                    continue; // reflex or degenerate corner
                bool empty = true;
                for (qsizetype k = 0; k < poly.size() && empty; ++k) {
                    if (k == ip || k == i || k == in)
                        continue;
                    const QPointF p = flat(poly.at(k));
                    const auto side = [](QPointF u, QPointF v, QPointF w) {
                        return (v.x() - u.x()) * (w.y() - u.y()) - (v.y() - u.y()) * (w.x() - u.x());
                    };
                    empty = !(side(a, b, p) > 0 && side(b, c, p) > 0 && side(c, a, p) > 0);
                }
                if (!empty)
                    continue;
                addTriangle(poly.at(ip), poly.at(i), poly.at(in));
                poly.removeAt(i);
                clipped = true;
            }
            if (!clipped)
                break; // not simple in this plane: the fan below still covers it
        }
        for (qsizetype i = 1; i + 1 < poly.size(); ++i)
            addTriangle(poly.at(0), poly.at(i), poly.at(i + 1));
    }
    m_faceCount += int(mesh.faces.size());

    // Every edge with the faces on both sides.
    struct Adjacent
    {
        int a, b;
        int faces[2] = {-1, -1};
        int count = 0;
    };
    QHash<quint64, int> seen;
    QList<Adjacent> edges;
    for (qsizetype fi = 0; fi < mesh.faces.size(); ++fi) {
        const QList<int> &f = mesh.faces.at(fi);
        for (qsizetype i = 0; i < f.size(); ++i) {
            const int a = f.at(i), b = f.at((i + 1) % f.size());
            const quint64 key = Mesh::edgeKey(a, b);
            auto it = seen.find(key);
            if (it == seen.end()) {
                it = seen.insert(key, int(edges.size()));
                edges.append({a, b});
            }
            Adjacent &e = edges[*it];
            if (e.count < 2)
                e.faces[e.count] = int(fi);
            ++e.count;
        }
    }
    for (const Adjacent &e : std::as_const(edges)) {
        EdgeClass c = mesh.edgeClasses.value(Mesh::edgeKey(e.a, e.b), mesh.defaultClass);
        const bool lit0 = lit.at(e.faces[0]);
        const bool lit1 = e.count > 1 && lit.at(e.faces[1]);
        bool draw;
        if (e.count == 1)
            draw = c != EdgeClass::Silent || !mesh.closed; // an open boundary
        else if (lit0 != lit1)
            draw = true; // the outline of a highlighted region
        else if (c == EdgeClass::Smooth)
            draw = front.at(e.faces[0]) != front.at(e.faces[1]); // silhouette
        else
            draw = c != EdgeClass::Silent;
        if (!draw)
            continue;
        m_edges.append({mesh.vertices.at(e.a), mesh.vertices.at(e.b),
                        (lit0 || lit1) ? o.highlightLayer : o.layer, o.showHidden, base + e.faces[0],
                        e.count > 1 ? base + e.faces[1] : -1});
    }
}

void Projector::addWire(const Object3d &o)
{
    const Placement place(o);
    if (o.shape == Shape3d::Grip) {
        m_grips << place.map({0, 0, 0});
        return;
    }
    QList<Vec3> pts = wirePoints(o);
    for (Vec3 &p : pts)
        p = place.map(p);
    for (qsizetype i = 0; i + 1 < pts.size(); ++i)
        m_edges.append({pts.at(i), pts.at(i + 1), o.layer, o.showHidden});
    if (o.shape == Shape3d::Arrow && pts.size() >= 2) {
        if (o.heads != ArrowHeads::Start)
            m_heads.append({pts.last(), pts.at(pts.size() - 2), o.layer});
        if (o.heads != ArrowHeads::End)
            m_heads.append({pts.first(), pts.at(1), o.layer});
    }
}

void Projector::buildBins()
{
    bool first = true;
    for (const Triangle &t : std::as_const(m_triangles)) {
        m_binArea = first ? t.box : m_binArea.united(t.box);
        first = false;
    }
    if (first)
        return;
    m_binArea.adjust(-1e-9, -1e-9, 1e-9, 1e-9);
    const double bw = m_binArea.width() / kBins, bh = m_binArea.height() / kBins;
    for (int i = 0; i < m_triangles.size(); ++i) {
        const QRectF &b = m_triangles.at(i).box;
        const int x0 = std::clamp(int((b.left() - m_binArea.left()) / bw), 0, kBins - 1);
        const int x1 = std::clamp(int((b.right() - m_binArea.left()) / bw), 0, kBins - 1);
        const int y0 = std::clamp(int((b.top() - m_binArea.top()) / bh), 0, kBins - 1);
        const int y1 = std::clamp(int((b.bottom() - m_binArea.top()) / bh), 0, kBins - 1);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x)
                m_bins[y * kBins + x].append(i);
        }
    }
}

bool Projector::hidden(Vec3 point, int f0, int f1) const
{
    if (m_triangles.isEmpty())
        return false;
    const QPointF p = m_camera.project(point);
    if (!m_binArea.contains(p))
        return false;
    const double depth = m_camera.depth(point);
    const int bx = std::clamp(int((p.x() - m_binArea.left()) / (m_binArea.width() / kBins)), 0, kBins - 1);
    const int by = std::clamp(int((p.y() - m_binArea.top()) / (m_binArea.height() / kBins)), 0, kBins - 1);
    for (int i : m_bins[by * kBins + bx]) {
        const Triangle &t = m_triangles.at(i);
        if (t.face == f0 || t.face == f1 || !t.box.contains(p))
            continue;
        const double det =
            (t.b.x() - t.a.x()) * (t.c.y() - t.a.y()) - (t.c.x() - t.a.x()) * (t.b.y() - t.a.y());
        if (std::abs(det) < 1e-12)
            continue;
        const double l1 =
            ((t.b.x() - p.x()) * (t.c.y() - p.y()) - (t.c.x() - p.x()) * (t.b.y() - p.y())) / det;
        const double l2 =
            ((t.c.x() - p.x()) * (t.a.y() - p.y()) - (t.a.x() - p.x()) * (t.c.y() - p.y())) / det;
        const double l3 = 1 - l1 - l2;
        // Boundaries count as inside: an edge seen exactly along another face's diagonal (a cube's hidden
        // edges in isometric) is behind the face, not in a gap between its triangles. Depth decides.
        constexpr double inside = 1e-7;
        if (l1 < -inside || l2 < -inside || l3 < -inside)
            continue;
        if (l1 * t.da + l2 * t.db + l3 * t.dc > depth + m_tolerance)
            return true;
    }
    return false;
}

void Projector::classify(const DrawEdge &e, double scale)
{
    const QPointF a = m_camera.project(e.p0), b = m_camera.project(e.p1);
    const double canvasLength = std::hypot(b.x() - a.x(), b.y() - a.y()) * scale;
    const int n = int(std::clamp(std::ceil(canvasLength / 0.8), 1.0, 24.0));
    QList<bool> hide(n);
    for (int k = 0; k < n; ++k)
        hide[k] = hidden(e.p0 + (e.p1 - e.p0) * ((k + 0.5) / n), e.f0, e.f1);
    int k = 0;
    while (k < n) {
        int end = k;
        while (end + 1 < n && hide.at(end + 1) == hide.at(k))
            ++end;
        const double t0 = double(k) / n, t1 = double(end + 1) / n;
        const Segment s{a + (b - a) * t0, a + (b - a) * t1};
        if (!hide.at(k))
            m_out[int(e.layer)].append(s);
        else if (e.hiddenToGuide)
            m_out[int(IconLayer::Guide)].append(s);
        k = end + 1;
    }
}

QList<QList<QPointF>> Projector::chain(const QList<Segment> &segments) const
{
    const auto key = [](QPointF p) {
        return qMakePair(qint64(std::llround(p.x() * 1e5)), qint64(std::llround(p.y() * 1e5)));
    };
    QHash<QPair<qint64, qint64>, QList<int>> ends;
    for (int i = 0; i < segments.size(); ++i) {
        ends[key(segments.at(i).a)].append(i);
        ends[key(segments.at(i).b)].append(i);
    }
    QList<bool> used(segments.size(), false);
    QList<QList<QPointF>> out;
    const auto next = [&](QPointF at) -> std::pair<int, bool> {
        for (int i : ends.value(key(at))) {
            if (!used.at(i))
                return {i, key(segments.at(i).a) == key(at)};
        }
        return {-1, false};
    };
    for (int i = 0; i < segments.size(); ++i) {
        if (used.at(i))
            continue;
        used[i] = true;
        QList<QPointF> line{segments.at(i).a, segments.at(i).b};
        for (;;) { // forwards
            const auto [j, forward] = next(line.last());
            if (j < 0)
                break;
            used[j] = true;
            line << (forward ? segments.at(j).b : segments.at(j).a);
        }
        for (;;) { // backwards
            const auto [j, forward] = next(line.first());
            if (j < 0)
                break;
            used[j] = true;
            line.prepend(forward ? segments.at(j).b : segments.at(j).a);
        }
        // Collinear interior points add nothing but bytes.
        QList<QPointF> simple{line.first()};
        for (qsizetype k = 1; k + 1 < line.size(); ++k) {
            const QPointF p = simple.last(), q = line.at(k), r = line.at(k + 1);
            const double area = (q.x() - p.x()) * (r.y() - p.y()) - (q.y() - p.y()) * (r.x() - p.x());
            const double len = std::hypot(r.x() - p.x(), r.y() - p.y());
            if (std::abs(area) > 1e-9 * std::max(1.0, len))
                simple << q;
        }
        simple << line.last();
        out << simple;
    }
    return out;
}

FlatDrawing Projector::run()
{
    for (const Object3d &o : m_view.objects) {
        if (isWire(o.shape))
            addWire(o);
        else
            addMesh(o);
    }
    // Model-to-canvas scale, for the sampling density.
    // (QRectF::united ignores empty rectangles, so the extent is kept by hand.)
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool first = true;
    const auto grow = [&](Vec3 p) {
        const QPointF q = m_camera.project(p);
        x0 = first ? q.x() : std::min(x0, q.x());
        x1 = first ? q.x() : std::max(x1, q.x());
        y0 = first ? q.y() : std::min(y0, q.y());
        y1 = first ? q.y() : std::max(y1, q.y());
        first = false;
    };
    for (const DrawEdge &e : std::as_const(m_edges)) {
        grow(e.p0);
        grow(e.p1);
    }
    for (const Vec3 &g : std::as_const(m_grips))
        grow(g);
    if (first)
        return {};
    const double size = std::max({x1 - x0, y1 - y0, 1e-9});
    const double scale = std::min(m_view.frame.width(), m_view.frame.height()) / size;
    m_tolerance = 1e-3 * size;
    buildBins();
    for (const DrawEdge &e : std::as_const(m_edges))
        classify(e, scale);

    FlatDrawing out;
    for (int l = 0; l < 3; ++l) {
        for (QList<QPointF> &line : chain(m_out[l])) {
            const bool closed = line.size() > 3 && std::hypot(line.first().x() - line.last().x(),
                                                              line.first().y() - line.last().y()) < 1e-6;
            if (closed)
                line.removeLast();
            out.addPolyline(IconLayer(l), line, closed);
        }
    }
    for (const Vec3 &g : std::as_const(m_grips))
        out.grips << m_camera.project(g);
    const auto bounds = out.bounds();
    if (!bounds)
        return out;
    const Affine fit = fitInto(*bounds, m_view.frame);
    out.transform(fit);
    for (const PendingHead &h : std::as_const(m_heads)) {
        const QPointF tip = fit.map(m_camera.project(h.tip)), before = fit.map(m_camera.project(h.before));
        out.addPolyline(h.layer, geometry::arrowHead(tip, tip - before, 2.0, 1.0));
    }
    return out;
}

} // namespace

FlatDrawing render(const SceneElement &view)
{
    return Projector(view).run();
}

} // namespace scene::kit3d
