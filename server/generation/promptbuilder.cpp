#include "promptbuilder.h"

#include "sceneoutput.h"
#include "vocabulary/vocabulary.h"

#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>

namespace PromptBuilder {
namespace {

QString n(double v)
{
    return QString::number(v, 'g', 6);
}

QString layerLine(IconLayer layer, const Palette &p)
{
    const LayerStyle &s = IconDesign::layerStyle(layer);
    const QString id = QString::fromLatin1(s.id);
    switch (layer) {
    case IconLayer::Guide:
        return QStringLiteral(
                   "1. %1 (dashed reference lines: baselines, axes, symmetry): "
                   "<g id=\"%1\" fill=\"none\" stroke=\"%2\" stroke-width=\"%3\" stroke-dasharray=\"%4\">")
            .arg(id, QLatin1String(p.guide), n(s.strokeWidth), QLatin1String(s.dashArray));
    case IconLayer::Context:
        return QStringLiteral("2. %1 (source geometry that is analysed or modified): "
                              "<g id=\"%1\" fill=\"none\" stroke=\"%2\" stroke-width=\"%3\">")
            .arg(id, QLatin1String(p.context), n(s.strokeWidth));
    case IconLayer::Primary:
        return QStringLiteral(
                   "3. %1 (the OUTPUT geometry of the tool): <g id=\"%1\" fill=\"none\" stroke=\"%2\" "
                   "stroke-width=\"%3\" stroke-linecap=\"round\" stroke-linejoin=\"round\">")
            .arg(id, QLatin1String(p.primary), n(s.strokeWidth));
    case IconLayer::Grips:
        return QStringLiteral(
                   "4. %1 (2×2 squares only): <g id=\"%1\" fill=\"%2\" stroke=\"%3\" stroke-width=\"%4\">")
            .arg(id, QLatin1String(p.grip), QLatin1String(p.gripStroke), n(s.strokeWidth));
    }
    return {};
}

} // namespace

QString systemPrompt(ColorMode mode, int variantCount)
{
    const Palette &p = palette(mode);
    const QString lo = n(IconDesign::boundsMin), hi = n(IconDesign::boundsMax), c = n(IconDesign::center);
    const int count = std::clamp(variantCount, 1, 3);
    QStringList layers;
    for (IconLayer layer : IconDesign::layerOrder)
        layers << layerLine(layer, p);

    return QStringLiteral(
               "You design professional Rhino/Grasshopper-style CAD toolbar icons as SVG.\n\n"
               "<canvas>\n"
               "- viewBox=\"%1\" (%2×%2 units), centre (%3,%3).\n"
               "- Every coordinate (including curve control points) must stay within x,y ∈ [%4,%5].\n"
               "- Primary shapes fill the bounds.\n"
               "</canvas>\n\n"
               "<layers>\nRender order back to front, with exactly these attributes on each group:\n%6\n"
               "Tool types and the layers they need:\n"
               "- DRAWING tools (create geometry): Guide + Primary + Grips.\n"
               "- ANALYSIS tools (measure or inspect): Context + Grips.\n"
               "- MODIFICATION tools (change existing geometry): Context + Primary + Grips.\n"
               "</layers>\n\n"
               "<grips>\n"
               "- Only <rect x=\"X-1\" y=\"Y-1\" width=\"2\" height=\"2\"/> centred on the user's input "
               "points.\n"
               "- Every grip lies ON visible geometry.\n"
               "- No circles, backgrounds or decorations for grips.\n"
               "</grips>\n\n"
               "<semantics>\n"
               "- User input points → Grips. Tool output → Primary (drawing, modification). The source that "
               "is "
               "analysed or modified → Context. Construction references → Guide.\n"
               "- Guide is required for DRAWING tools.\n"
               "- ANALYSIS: the grip is the result; nothing in Primary at grip locations.\n"
               "</semantics>\n\n"
               "<curves>\n"
               "- Curves must pass through all of their grips.\n"
               "- A single quadratic Q does not pass through its control point: a 3-point curve is two Q "
               "segments "
               "joined at the apex: M x1,y1 Q cx1,cy1 apex Q cx2,cy2 x2,y2.\n"
               "- Put curve end points on the safe edges (x=%4 or %5, y=%4 or %5). Arches: apex y=%4, bases "
               "y=%5.\n"
               "</curves>\n\n"
               "<quality>\n"
               "- Thin, precise strokes: the 1-unit Primary stroke is the heaviest line in the icon.\n"
               "- Minimal geometry: only what explains the tool.\n"
               "</quality>\n\n"
               "<svg_subset>\n"
               "The icons are drawn by QtSvg (SVG Tiny) after an allow-list sanitiser. Use only <svg>, <g>, "
               "<path>, "
               "<line>, <polyline>, <polygon>, <rect>, <circle>, <ellipse> with presentation attributes. Do "
               "NOT use "
               "<style>, class or style attributes, CSS, <text>, <clipPath>, <mask>, <use>, <image>, "
               "filters, "
               "markers, scripts, event handlers, external references or transforms on the root. Use "
               "absolute "
               "coordinates and numbers with at most two decimals.\n"
               "</svg_subset>\n\n"
               "<example>\n"
               "Arch tool (DRAWING):\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%1\">"
               "<g id=\"Guide\" fill=\"none\" stroke=\"%7\" stroke-width=\"%8\" stroke-dasharray=\"%9\">"
               "<line x1=\"4\" y1=\"28\" x2=\"28\" y2=\"28\"/><line x1=\"16\" y1=\"4\" x2=\"16\" "
               "y2=\"28\"/></g>"
               "<g id=\"Primary\" fill=\"none\" stroke=\"%10\" stroke-width=\"%11\" stroke-linecap=\"round\" "
               "stroke-linejoin=\"round\"><path d=\"M 4,28 Q 4,4 16,4 Q 28,4 28,28\"/></g>"
               "<g id=\"Grips\" fill=\"%12\" stroke=\"%13\" stroke-width=\"%14\">"
               "<rect x=\"3\" y=\"27\" width=\"2\" height=\"2\"/><rect x=\"15\" y=\"3\" width=\"2\" "
               "height=\"2\"/>"
               "<rect x=\"27\" y=\"27\" width=\"2\" height=\"2\"/></g></svg>\n"
               "</example>\n\n"
               "<output>\n"
               "Answer with JSON only, no prose and no code fences:\n"
               "{\"variants\":[{\"id\":\"v1\",\"name\":\"Tool Name\",\"svg\":\"<svg>...</svg>\"}]}\n"
               "Generate %15 variant(s); variants differ in composition, not just position. Names are short "
               "tool "
               "names, e.g. \"Fillet\" or \"Fillet (Tangent)\".\n"
               "</output>")
        .arg(QLatin1String(IconDesign::viewBox), QString::number(IconDesign::canvasSize), c, lo, hi,
             layers.join(QLatin1Char('\n')), QLatin1String(p.guide),
             n(IconDesign::layerStyle(IconLayer::Guide).strokeWidth),
             QLatin1String(IconDesign::layerStyle(IconLayer::Guide).dashArray))
        .arg(QLatin1String(p.primary), n(IconDesign::layerStyle(IconLayer::Primary).strokeWidth),
             QLatin1String(p.grip), QLatin1String(p.gripStroke),
             n(IconDesign::layerStyle(IconLayer::Grips).strokeWidth), QString::number(count));
}

QString minifySvg(const QString &svg)
{
    static const QRegularExpression comments(QStringLiteral("<!--[\\s\\S]*?-->"));
    static const QRegularExpression metadata(QStringLiteral("<(metadata|desc|title)\\b[\\s\\S]*?</\\1\\s*>"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression between(QStringLiteral(">\\s+<"));
    QString out = svg;
    out.remove(comments);
    out.remove(metadata);
    out.replace(between, QStringLiteral("><"));
    return out.simplified();
}

QString userMessage(const GenerationRequest &request)
{
    QStringList parts;
    const QString prompt = request.prompt.trimmed();
    if (request.intent == GenerationIntent::Refine && !request.referenceSvg.trimmed().isEmpty()) {
        parts
            << QStringLiteral("<task>REFINE this existing icon according to the instructions below.</task>")
            << QStringLiteral("<current_design>\n%1\n</current_design>").arg(minifySvg(request.referenceSvg))
            << QStringLiteral("<refinement_instructions>\n%1\n</refinement_instructions>").arg(prompt)
            << QStringLiteral("<refine_rules>\n"
                              "- Preserve the core structure unless the instructions ask to change it.\n"
                              "- Keep the stroke weights, layers and style.\n"
                              "- Apply the modifications while keeping the icon recognisable.\n"
                              "- Keep the grip positions semantically correct.\n"
                              "</refine_rules>");
    } else {
        parts << QStringLiteral("<task>Create icon for: \"%1\"</task>").arg(prompt);
    }

    if (!request.attachments.isEmpty()) {
        QStringList refs{QStringLiteral("<style_references>\nLearn from these reference icons: match their "
                                        "visual language (stroke weights, composition, level of detail), not "
                                        "their subject.")};
        int i = 0;
        for (const GenerationAttachment &a : request.attachments)
            refs << QStringLiteral("Reference %1: %2").arg(++i).arg(minifySvg(a.svg));
        refs << QStringLiteral("</style_references>");
        parts << refs.join(QLatin1Char('\n'));
    }

    parts << QStringLiteral(
                 "<requirements>\n"
                 "1. ANALYZE the tool type (drawing, analysis or modification) and count its input points.\n"
                 "2. The primary shape must span x=%1..%2.\n"
                 "3. Exactly N grips for N input points, each a rect at (x-1, y-1).\n"
                 "4. FORBIDDEN: grips at Q control points, midpoints or derived points.\n"
                 "5. VERIFY the grip count before answering.\n"
                 "</requirements>")
                 .arg(n(IconDesign::boundsMin), n(IconDesign::boundsMax));
    return parts.join(QStringLiteral("\n\n"));
}

QString correctionMessage(const QList<Correction> &items)
{
    QStringList parts{
        QStringLiteral(
            "<task>Some of the icons you returned break the design system. Return corrected versions "
            "of exactly these %1 icon(s), in the same order.</task>")
            .arg(items.size())};
    int i = 0;
    for (const Correction &c : items) {
        QStringList problems;
        for (const QString &p : c.problems)
            problems << QStringLiteral("- ") + p;
        parts << QStringLiteral(
                     "<icon index=\"%1\" name=\"%2\">\n<svg_source>%3</svg_source>\n<problems>\n%4\n"
                     "</problems>\n</icon>")
                     .arg(++i)
                     .arg(c.name.toHtmlEscaped(), minifySvg(c.svg), problems.join(QLatin1Char('\n')));
    }
    parts << QStringLiteral(
        "<requirements>\nFix only the listed problems; keep each icon's composition, name and "
        "grips otherwise. Follow every rule of the system prompt. Answer with JSON only: "
        "{\"variants\":[{\"id\":\"v1\",\"name\":\"…\",\"svg\":\"<svg>…</svg>\"}]}\n"
        "</requirements>");
    return parts.join(QStringLiteral("\n\n"));
}

namespace {

QString vocabularyByCategory()
{
    const vocab::Vocabulary &v = vocab::Vocabulary::builtin();
    QMap<QString, QStringList> byCategory;
    for (const vocab::Concept &c : v.concepts())
        byCategory[c.category] << c.id;
    QStringList lines;
    QStringList order = v.language().categories;
    for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
        if (!order.contains(it.key()))
            order << it.key();
    }
    for (const QString &category : std::as_const(order)) {
        if (byCategory.contains(category))
            lines << QStringLiteral("- %1: %2")
                         .arg(category, byCategory.value(category).join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString sceneSystemPrompt(int variantCount)
{
    const int count = std::clamp(variantCount, 1, 3);
    return QStringLiteral(
               "You design professional Rhino/Grasshopper-style CAD toolbar icons. You do not write SVG: you "
               "describe each icon as a scene of design-system elements by calling the tool %1, and the app "
               "renders it (stroke widths, dashes, grip squares and the palette come from the renderer).\n\n"
               "<canvas>\n"
               "- 32×32 canvas units, y pointing down, centre (16,16). Keep all geometry within x,y ∈ "
               "[4,28].\n"
               "- Angles in degrees, counter-clockwise as seen on screen (0 = +x, 90 = up).\n"
               "- The primary shape fills the bounds; minimal geometry, only what explains the tool.\n"
               "</canvas>\n\n"
               "<layers>\n"
               "- guide: dashed construction references (axes, baselines, symmetry, hidden edges).\n"
               "- context: the existing geometry a tool analyses or modifies.\n"
               "- primary: the OUTPUT geometry of the tool.\n"
               "- grips (element type \"grip\"): the user's input points, each ON visible geometry; never at "
               "control points or derived points.\n"
               "Tool types: \"drawing\" (creates geometry) = guide + primary + grips, no context; "
               "\"modification\" = context + primary + grips; \"analysis\" = context + grips, no primary.\n"
               "</layers>\n\n"
               "<elements>\n"
               "line, polyline, polygon, curve (smooth through its points), arc, circle, ellipse, arrow, "
               "dimension (linear, radial, diameter, angular), hatch, grip, group (with a transform), view3d "
               "(a pictorial isometric or cabinet view of box, cylinder, cone, sphere, torus, prism, "
               "pyramid, "
               "wedge, tube, plane, patch, mesh, extrusion, revolution and 3D wires; hidden edges drawn for "
               "you). For a shape none of these draws, use a \"path\" element with SVG path data.\n"
               "</elements>\n\n"
               "<vocabulary>\n"
               "These concepts have established pictograms in this product (ids by category). When the "
               "request is one of them, draw it the way a CAD user recognises it, composed of the elements "
               "above:\n%2\n"
               "</vocabulary>\n\n"
               "<example>\n"
               "Arch tool (drawing): {\"name\": \"Arch\", \"scene\": {\"toolType\": \"drawing\", "
               "\"elements\": ["
               "{\"type\": \"line\", \"layer\": \"guide\", \"from\": [4, 28], \"to\": [28, 28]}, "
               "{\"type\": \"line\", \"layer\": \"guide\", \"from\": [16, 4], \"to\": [16, 28]}, "
               "{\"type\": \"curve\", \"layer\": \"primary\", \"points\": [[4, 28], [16, 4], [28, 28]]}, "
               "{\"type\": \"grip\", \"at\": [4, 28]}, {\"type\": \"grip\", \"at\": [16, 4]}, "
               "{\"type\": \"grip\", \"at\": [28, 28]}]}}\n"
               "</example>\n\n"
               "<output>\n"
               "Call %1 once with exactly %3 variant(s); variants differ in composition or view, not just "
               "position. Names are short tool names, e.g. \"Fillet\" or \"Fillet (Tangent)\".\n"
               "</output>")
        .arg(QLatin1String(SceneOutput::kToolName), vocabularyByCategory(), QString::number(count));
}

QString sceneUserMessage(const GenerationRequest &request)
{
    QStringList parts;
    const QString prompt = request.prompt.trimmed();
    if (request.intent == GenerationIntent::Refine &&
        (!request.referenceScene.isEmpty() || !request.referenceSvg.trimmed().isEmpty())) {
        parts << QStringLiteral(
            "<task>REFINE this existing icon according to the instructions below.</task>");
        if (!request.referenceScene.isEmpty()) {
            QJsonObject current = request.referenceScene;
            current.remove(QStringLiteral("source"));
            parts << QStringLiteral("<current_scene>\n%1\n</current_scene>")
                         .arg(QString::fromUtf8(QJsonDocument(current).toJson(QJsonDocument::Compact)));
        } else {
            parts << QStringLiteral("<current_design_svg>\n%1\n</current_design_svg>")
                         .arg(minifySvg(request.referenceSvg));
        }
        parts << QStringLiteral("<refinement_instructions>\n%1\n</refinement_instructions>").arg(prompt)
              << QStringLiteral(
                     "<refine_rules>\n"
                     "- Change what the instructions ask and keep the rest of the scene as it is.\n"
                     "- Keep the tool type, the layers and the grips semantically correct.\n"
                     "</refine_rules>");
    } else {
        parts << QStringLiteral("<task>Create icon for: \"%1\"</task>").arg(prompt);
    }
    if (!request.attachments.isEmpty()) {
        QStringList refs{QStringLiteral("<style_references>\nLearn from these reference icons: match their "
                                        "composition and level of detail, not their subject.")};
        int i = 0;
        for (const GenerationAttachment &a : request.attachments)
            refs << QStringLiteral("Reference %1: %2").arg(++i).arg(minifySvg(a.svg));
        refs << QStringLiteral("</style_references>");
        parts << refs.join(QLatin1Char('\n'));
    }
    return parts.join(QStringLiteral("\n\n"));
}

QString sceneRepairMessage(const QStringList &errors, int variantCount)
{
    QStringList lines;
    for (const QString &e : errors.mid(0, 40))
        lines << QStringLiteral("- ") + e;
    return QStringLiteral("The scenes did not validate:\n%1\nCall %2 again with all %3 variant(s), these "
                          "errors fixed and everything else kept.")
        .arg(lines.join(QLatin1Char('\n')), QLatin1String(SceneOutput::kToolName),
             QString::number(std::clamp(variantCount, 1, 3)));
}

} // namespace PromptBuilder
