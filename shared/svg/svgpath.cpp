#include "svg/svgpath.h"

#include "svg/svgsyntax.h"

#include <cmath>

namespace {

bool isCommand(QChar c)
{
    switch (c.unicode()) {
    case 'M':
    case 'm':
    case 'L':
    case 'l':
    case 'H':
    case 'h':
    case 'V':
    case 'v':
    case 'C':
    case 'c':
    case 'S':
    case 's':
    case 'Q':
    case 'q':
    case 'T':
    case 't':
    case 'A':
    case 'a':
    case 'Z':
    case 'z':
        return true;
    default:
        return false;
    }
}

int argumentCount(QChar command)
{
    switch (command.toUpper().unicode()) {
    case 'M':
    case 'L':
    case 'T':
        return 2;
    case 'H':
    case 'V':
        return 1;
    case 'C':
        return 6;
    case 'S':
    case 'Q':
        return 4;
    case 'A':
        return 7;
    default:
        return 0;
    }
}

bool startsNumber(QStringView d, qsizetype pos)
{
    if (pos >= d.size())
        return false;
    const QChar c = d[pos];
    return (c >= u'0' && c <= u'9') || c == u'-' || c == u'+' || c == u'.';
}

} // namespace

SvgPathParseResult SvgPath::parse(QStringView d)
{
    using SvgSyntax::skipCommaWhitespace;
    using SvgSyntax::skipWhitespace;

    SvgPathParseResult result;
    qsizetype pos = 0;
    const qsizetype n = d.size();
    QPointF current;
    QPointF subpathStart;
    QPointF lastControl; // for S/T reflection
    QChar previous;      // previous command (uppercase), to know whether reflection applies

    skipWhitespace(d, pos);
    result.validLength = pos;
    if (pos == n) {
        result.ok = true; // an empty path is valid and draws nothing
        return result;
    }
    if (d[pos] != u'M' && d[pos] != u'm') {
        result.error = QStringLiteral("path data must start with a moveto");
        return result;
    }

    while (pos < n) {
        const QChar command = d[pos];
        if (!isCommand(command)) {
            result.error = QStringLiteral("unexpected character in path data");
            return result;
        }
        ++pos;
        const QChar upper = command.toUpper();
        const bool relative = command.isLower();
        if (upper == u'Z') {
            SvgPathSegment seg;
            seg.type = SvgPathSegment::Type::Close;
            seg.start = current;
            seg.end = subpathStart;
            result.segments.append(seg);
            current = subpathStart;
            previous = u'Z';
            skipWhitespace(d, pos);
            result.validLength = pos;
            continue;
        }

        const int argc = argumentCount(upper);
        bool firstSet = true;
        skipWhitespace(d, pos);
        while (firstSet || startsNumber(d, pos)) {
            double a[7] = {};
            for (int i = 0; i < argc; ++i) {
                if (i > 0)
                    skipCommaWhitespace(d, pos);
                if (upper == u'A' && (i == 3 || i == 4)) {
                    if (pos < n && (d[pos] == u'0' || d[pos] == u'1')) {
                        a[i] = d[pos] == u'1' ? 1 : 0;
                        ++pos;
                        continue;
                    }
                    result.error = QStringLiteral("invalid arc flag in path data");
                    return result;
                }
                const auto v = SvgSyntax::scanNumber(d, pos);
                if (!v) {
                    result.error = QStringLiteral("missing or invalid number in path data");
                    return result;
                }
                a[i] = *v;
            }

            const QPointF origin = relative ? current : QPointF();
            SvgPathSegment seg;
            seg.start = current;
            QChar effective = upper;
            if (upper == u'M' && !firstSet)
                effective = u'L'; // implicit lineto after a moveto
            switch (effective.unicode()) {
            case 'M':
                seg.type = SvgPathSegment::Type::Move;
                seg.end = origin + QPointF(a[0], a[1]);
                subpathStart = seg.end;
                break;
            case 'L':
                seg.type = SvgPathSegment::Type::Line;
                seg.end = origin + QPointF(a[0], a[1]);
                break;
            case 'H':
                seg.type = SvgPathSegment::Type::Line;
                seg.end = QPointF(relative ? current.x() + a[0] : a[0], current.y());
                break;
            case 'V':
                seg.type = SvgPathSegment::Type::Line;
                seg.end = QPointF(current.x(), relative ? current.y() + a[0] : a[0]);
                break;
            case 'C':
                seg.type = SvgPathSegment::Type::Cubic;
                seg.c1 = origin + QPointF(a[0], a[1]);
                seg.c2 = origin + QPointF(a[2], a[3]);
                seg.end = origin + QPointF(a[4], a[5]);
                break;
            case 'S':
                seg.type = SvgPathSegment::Type::Cubic;
                seg.c1 = (previous == u'C' || previous == u'S') ? 2 * current - lastControl : current;
                seg.c2 = origin + QPointF(a[0], a[1]);
                seg.end = origin + QPointF(a[2], a[3]);
                break;
            case 'Q':
                seg.type = SvgPathSegment::Type::Quad;
                seg.c1 = origin + QPointF(a[0], a[1]);
                seg.end = origin + QPointF(a[2], a[3]);
                break;
            case 'T':
                seg.type = SvgPathSegment::Type::Quad;
                seg.c1 = (previous == u'Q' || previous == u'T') ? 2 * current - lastControl : current;
                seg.end = origin + QPointF(a[0], a[1]);
                break;
            case 'A':
                seg.type = SvgPathSegment::Type::Arc;
                seg.rx = std::fabs(a[0]);
                seg.ry = std::fabs(a[1]);
                seg.xAxisRotation = a[2];
                seg.largeArc = a[3] != 0;
                seg.sweep = a[4] != 0;
                seg.end = origin + QPointF(a[5], a[6]);
                break;
            default:
                break;
            }
            if (seg.type == SvgPathSegment::Type::Cubic)
                lastControl = seg.c2;
            else if (seg.type == SvgPathSegment::Type::Quad)
                lastControl = seg.c1;
            previous = effective;
            current = seg.end;
            result.segments.append(seg);
            firstSet = false;

            const qsizetype afterSet = pos;
            skipCommaWhitespace(d, pos);
            result.validLength = afterSet;
            if (!startsNumber(d, pos))
                break;
        }
        skipWhitespace(d, pos);
    }
    result.validLength = n;
    result.ok = true;
    return result;
}

QPointF SvgPath::arcPoint(const SvgPathSegment &arc, double t)
{
    const QPointF p0 = arc.start;
    const QPointF p1 = arc.end;
    double rx = arc.rx;
    double ry = arc.ry;
    if (p0 == p1)
        return p0;
    if (rx == 0 || ry == 0)
        return p0 + t * (p1 - p0); // degenerate radii: a straight line (F.6.6 step 1)

    const double phi = arc.xAxisRotation * M_PI / 180.0;
    const double cosPhi = std::cos(phi);
    const double sinPhi = std::sin(phi);
    const double dx = (p0.x() - p1.x()) / 2.0;
    const double dy = (p0.y() - p1.y()) / 2.0;
    const double x1p = cosPhi * dx + sinPhi * dy;
    const double y1p = -sinPhi * dx + cosPhi * dy;

    const double lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
    if (lambda > 1) { // radii too small: scale them up (F.6.6 step 3)
        const double s = std::sqrt(lambda);
        rx *= s;
        ry *= s;
    }
    const double num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
    const double den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
    double coef = den > 0 ? std::sqrt(std::max(0.0, num / den)) : 0.0;
    if (arc.largeArc == arc.sweep)
        coef = -coef;
    const double cxp = coef * (rx * y1p / ry);
    const double cyp = coef * -(ry * x1p / rx);
    const double cx = cosPhi * cxp - sinPhi * cyp + (p0.x() + p1.x()) / 2.0;
    const double cy = sinPhi * cxp + cosPhi * cyp + (p0.y() + p1.y()) / 2.0;

    const auto angle = [](double ux, double uy, double vx, double vy) {
        return std::atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    };
    const double theta1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
    double delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
    if (!arc.sweep && delta > 0)
        delta -= 2 * M_PI;
    else if (arc.sweep && delta < 0)
        delta += 2 * M_PI;

    const double theta = theta1 + t * delta;
    return {cx + rx * std::cos(theta) * cosPhi - ry * std::sin(theta) * sinPhi,
            cy + rx * std::cos(theta) * sinPhi + ry * std::sin(theta) * cosPhi};
}

QList<QPointF> SvgPath::sample(const QList<SvgPathSegment> &segments, int samplesPerCurve)
{
    QList<QPointF> points;
    points.reserve(segments.size() * 2);
    const int steps = std::max(1, samplesPerCurve);
    for (const SvgPathSegment &s : segments) {
        switch (s.type) {
        case SvgPathSegment::Type::Move:
        case SvgPathSegment::Type::Line:
        case SvgPathSegment::Type::Close:
            points.append(s.end);
            break;
        case SvgPathSegment::Type::Cubic:
            for (int i = 1; i <= steps; ++i) {
                const double t = double(i) / steps;
                const double u = 1 - t;
                points.append(u * u * u * s.start + 3 * u * u * t * s.c1 + 3 * u * t * t * s.c2 +
                              t * t * t * s.end);
            }
            break;
        case SvgPathSegment::Type::Quad:
            for (int i = 1; i <= steps; ++i) {
                const double t = double(i) / steps;
                const double u = 1 - t;
                points.append(u * u * s.start + 2 * u * t * s.c1 + t * t * s.end);
            }
            break;
        case SvgPathSegment::Type::Arc:
            for (int i = 1; i <= steps; ++i)
                points.append(arcPoint(s, double(i) / steps));
            break;
        }
    }
    return points;
}
