// parametric-vocabulary-sheet: renders every concept of the built-in vocabulary into a labelled contact
// sheet, so the whole vocabulary can be reviewed at the size it is used at.
//
//   parametric-vocabulary-sheet <out.png> [--light] [--only id,category,…]
//
// Each concept gets a cell: its name and id, its three variants at 32 px (the real raster, not a scaled
// vector), and each 32-px raster enlarged 4× without smoothing, so what blurs or merges at 32 px shows.
// Recipe errors, design-check findings and scenes the renderer rejects are printed; the exit code is 1
// when there is any, so the script fails instead of drawing a sheet with holes.
#include "icons/designcheck.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

QImage raster(const QString &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(svg.toUtf8());
    QPainter painter(&image);
    renderer.render(&painter);
    return image;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: parametric-vocabulary-sheet <out.png> [--light] [--only id,category,…]\n");
        return 2;
    }
    const bool light = args.contains(QStringLiteral("--light"));
    const ColorMode mode = light ? ColorMode::Light : ColorMode::Dark;
    const QColor paper = light ? QColor(0x27, 0x27, 0x2a) : QColor(0xfa, 0xfa, 0xfa);
    const QColor ink = light ? QColor(0xe4, 0xe4, 0xe7) : QColor(0x18, 0x18, 0x1b);
    const QColor muted = light ? QColor(0xa1, 0xa1, 0xaa) : QColor(0x71, 0x71, 0x7a);

    const vocab::IconEngine &engine = vocab::IconEngine::builtin();
    const vocab::Vocabulary &vocabulary = engine.vocabulary();
    int problems = 0;
    for (const QString &e : vocabulary.errors()) {
        std::fprintf(stderr, "recipe: %s\n", qPrintable(e));
        ++problems;
    }

    constexpr int zoom = 4, icon = 32, gap = 10, columns = 4;
    constexpr int cellWidth = 3 * icon * zoom + 4 * gap;
    constexpr int cellHeight = 40 + icon * zoom + gap + icon + 2 * gap;
    // --only gear,mechanical: just those concepts (ids or categories), for reviewing a part.
    QList<vocab::Concept> concepts;
    const qsizetype onlyAt = args.indexOf(QStringLiteral("--only"));
    const QStringList only = onlyAt > 0 ? args.value(onlyAt + 1).split(QLatin1Char(',')) : QStringList();
    for (const vocab::Concept &c : vocabulary.concepts()) {
        if (only.isEmpty() || only.contains(c.id) || only.contains(c.category))
            concepts << c;
    }
    const int rows = int((concepts.size() + columns - 1) / columns);
    QImage sheet(columns * cellWidth, 60 + rows * cellHeight, QImage::Format_ARGB32_Premultiplied);
    sheet.fill(paper);
    QPainter painter(&sheet);
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPixelSize(22);
    title.setBold(true);
    painter.setFont(title);
    painter.setPen(ink);
    painter.drawText(
        QRect(gap, 10, sheet.width() - 2 * gap, 40), Qt::AlignLeft | Qt::AlignVCenter,
        QStringLiteral("Parametric Icons built-in vocabulary — %1 concepts, 3 variants each, %2 palette "
                       "(32 px and 4× of the 32-px raster)")
            .arg(concepts.size())
            .arg(light ? QStringLiteral("light") : QStringLiteral("dark")));
    QFont label(QStringLiteral("DejaVu Sans"));
    label.setPixelSize(15);
    label.setBold(true);
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPixelSize(12);

    for (qsizetype i = 0; i < concepts.size(); ++i) {
        const vocab::Concept &c = concepts.at(i);
        const int x0 = int(i % columns) * cellWidth, y0 = 60 + int(i / columns) * cellHeight;
        painter.setPen(muted);
        painter.drawRect(x0 + 2, y0 + 2, cellWidth - 4, cellHeight - 4);
        painter.setFont(label);
        painter.setPen(ink);
        painter.drawText(QRect(x0 + gap, y0 + 6, cellWidth - 2 * gap, 20), Qt::AlignLeft, c.name);
        painter.setFont(small);
        painter.setPen(muted);
        painter.drawText(
            QRect(x0 + gap, y0 + 6, cellWidth - 2 * gap, 20), Qt::AlignRight,
            QStringLiteral("%1 · %2 · %3").arg(c.id, c.category, IconDesign::toolTypeName(c.toolType)));
        vocab::Interpretation in;
        const vocab::Concept *original = vocabulary.find(c.id);
        in.drawn = original;
        in.operation = c.role == vocab::Concept::Role::Operation ? original : nullptr;
        in.subject = c.role == vocab::Concept::Role::Subject ? original : nullptr;
        for (int v = 0; v < 3; ++v) {
            QStringList errors;
            const auto built = engine.build(in, v, &errors);
            const int x = x0 + gap + v * (icon * zoom + gap);
            if (!built) {
                for (const QString &e : errors)
                    std::fprintf(stderr, "%s variant %d: %s\n", qPrintable(c.id), v, qPrintable(e));
                ++problems;
                continue;
            }
            const scene::RenderResult r = scene::SceneRenderer::render(built->scene, mode, c.id);
            if (!r.ok()) {
                for (const scene::SceneError &e : r.errors)
                    std::fprintf(stderr, "%s variant %d: %s\n", qPrintable(c.id), v,
                                 qPrintable(e.toString()));
                ++problems;
                continue;
            }
            const DesignReport report = checkIconDesign(r.svg, built->scene.toolType);
            if (!report.passes()) {
                std::fprintf(stderr, "%s variant %d: design check: %s\n", qPrintable(c.id), v,
                             qPrintable(report.warnings.join(QStringLiteral("; "))));
                ++problems;
            }
            const QImage small32 = raster(r.svg, icon);
            painter.drawImage(QRect(x, y0 + 32, icon * zoom, icon * zoom), small32); // nearest: no smoothing
            painter.drawImage(QPoint(x, y0 + 32 + icon * zoom + gap), small32);
            painter.setFont(small);
            painter.setPen(muted);
            painter.drawText(QRect(x + icon + 6, y0 + 32 + icon * zoom + gap, icon * zoom - icon - 6, 32),
                             Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, built->name);
        }
    }
    painter.end();
    if (!sheet.save(args.at(1))) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args.at(1)));
        return 2;
    }
    std::printf("%lld concepts, %d problems → %s\n", qlonglong(concepts.size()), problems,
                qPrintable(args.at(1)));
    return problems ? 1 : 0;
}
