#pragma once

#include "scene/flatdrawing.h"
#include "scene/scene.h"

#include <QHash>
#include <QList>
#include <QString>

// The 3D kit: solids, surfaces, meshes and wires of a pictorial view, projected (isometric, cabinet or
// an orthographic view) with hidden-line removal. Visible edges go to the object's layer, hidden ones
// dashed to the Guide layer, so a box, a cylinder or a patch reads as 3D even at 32 px.
//
// Every object becomes a polygon mesh whose edges carry a class: sharp edges (a box's edges, a
// cylinder's rims) are drawn where visible, smooth edges (between the facets of a curved surface) only
// where they are a silhouette, lines (isocurves, mesh wires, open boundaries) always. Visibility is
// decided per sample along each edge against every face of the view (parallel projection: depth is
// affine over a projected triangle), so non-convex shapes (tube, torus, patches) and several objects
// in one view hide each other correctly.
namespace scene::kit3d {

enum class EdgeClass { Sharp, Smooth, Line, Silent };

struct Mesh
{
    QList<Vec3> vertices;
    QList<QList<int>> faces;  // vertex indices, counter-clockwise seen from outside (closed solids)
    QList<QString> faceNames; // "side3", "start", … for highlights
    QHash<quint64, EdgeClass> edgeClasses; // explicit classes; the rest get defaultClass
    EdgeClass defaultClass = EdgeClass::Sharp;
    bool closed = true; // a solid (orientation fixed by its signed volume); false: a two-sided surface

    int addVertex(const Vec3 &v);
    void addFace(QList<int> indices, const QString &name);
    void setEdge(int a, int b, EdgeClass c);
    static quint64 edgeKey(int a, int b);
};

// One object as a mesh in its own coordinates (before rotation and position), or an empty mesh for
// wires and grips. Face names follow the object: boxes "bottom", "right", "top", "left", "front",
// "back"; extrusions "start", "end", "side<i>"; revolutions "side<i>"; pyramids "base", "side<i>".
Mesh buildMesh(const Object3d &object);
// The object's highlighted face names with aliases resolved ("top" of a box is "side2"); "side2-5"
// ranges are expanded by the caller.
QStringList highlightNames(const Object3d &object);

// The drawing of one view3d element, fitted into its frame.
FlatDrawing render(const SceneElement &view);

} // namespace scene::kit3d
