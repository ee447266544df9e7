#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringView>

// SVG path data ("d") parser: M/L/H/V/C/S/Q/T/A/Z, absolute and relative, implicit repeats, S/T reflection.
// Segments come out in absolute coordinates; H/V become lines, S/T become cubics/quadratics.
struct SvgPathSegment
{
    enum class Type { Move, Line, Cubic, Quad, Arc, Close };
    Type type = Type::Move;
    QPointF start;
    QPointF end;
    QPointF c1; // Cubic / Quad control point
    QPointF c2; // Cubic second control point
    double rx = 0;
    double ry = 0;
    double xAxisRotation = 0; // degrees
    bool largeArc = false;
    bool sweep = false;
};

struct SvgPathParseResult
{
    QList<SvgPathSegment> segments;
    bool ok = false;           // the whole string parsed
    qsizetype validLength = 0; // characters up to the end of the last complete segment
    QString error;             // why parsing stopped (when !ok)
};

class SvgPath
{
public:
    static SvgPathParseResult parse(QStringView d);

    // Points on the path: every segment end point plus samplesPerCurve points along each curve and arc,
    // so bounds checks see bulges of curves and arcs (control points are not on the path and are not
    // included).
    static QList<QPointF> sample(const QList<SvgPathSegment> &segments, int samplesPerCurve = 16);

    // A point on an elliptical arc segment at parameter t in [0, 1] (SVG 1.1 implementation notes
    // F.6.5/F.6.6).
    static QPointF arcPoint(const SvgPathSegment &arc, double t);
};
