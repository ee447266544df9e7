// Sanitiser throughput: a corpus of realistic benign icons (design-system icons as the generators write them,
// Inkscape- and Illustrator-style exports with metadata, CSS classes, gradients and transforms), varied so no
// two documents are equal, repeated to a few MB. Prints one line for bench/run.sh.
#include "svg/svgsanitizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>

#include <cstdio>
#include <ctime>

namespace {

QString n(QRandomGenerator &rng, double low, double high)
{
    return QString::number(low + rng.generateDouble() * (high - low), 'f', 2);
}

QString designIcon(QRandomGenerator &rng)
{
    QString svg =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\" width=\"32\" "
                       "height=\"32\">\n<title>Tool</title>\n");
    svg +=
        QStringLiteral("  <g id=\"Guide\" stroke=\"#71717a\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\" "
                       "fill=\"none\">\n");
    for (int i = 0; i < 2; ++i)
        svg += QStringLiteral("    <line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\"/>\n")
                   .arg(n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28));
    svg += QStringLiteral(
        "  </g>\n  <g id=\"Context\" stroke=\"#52525b\" stroke-width=\"0.5\" fill=\"none\">\n");
    svg += QStringLiteral("    <path d=\"M %1,%2 C %3,%4 %5,%6 %7,%8\"/>\n")
               .arg(n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28), n(rng, 4, 28),
                    n(rng, 4, 28), n(rng, 4, 28));
    svg += QStringLiteral("  </g>\n  <g id=\"Primary\" stroke=\"#000000\" stroke-width=\"1\" fill=\"none\" "
                          "stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
    svg += QStringLiteral("    <path d=\"M %1,28 Q %2,4 16,4 Q %3,4 28,28 A 6 6 0 0 1 %4 %5\"/>\n")
               .arg(n(rng, 4, 8), n(rng, 4, 8), n(rng, 24, 28), n(rng, 10, 20), n(rng, 10, 20));
    svg += QStringLiteral("    <circle cx=\"16\" cy=\"16\" r=\"%1\"/>\n").arg(n(rng, 3, 8));
    svg += QStringLiteral(
        "  </g>\n  <g id=\"Grips\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"0.5\">\n");
    for (int i = 0; i < 3; ++i)
        svg += QStringLiteral("    <rect x=\"%1\" y=\"%2\" width=\"2\" height=\"2\"/>\n")
                   .arg(n(rng, 3, 27), n(rng, 3, 27));
    return svg + QStringLiteral("  </g>\n</svg>\n");
}

QString inkscapeIcon(QRandomGenerator &rng)
{
    QString svg =
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!-- Created with Inkscape -->\n"
            "<svg width=\"32\" height=\"32\" viewBox=\"0 0 32 32\" version=\"1.1\" id=\"svg5\"\n"
            "   inkscape:version=\"1.2.2\" sodipodi:docname=\"icon.svg\"\n"
            "   xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"\n"
            "   xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\"\n"
            "   xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns=\"http://www.w3.org/2000/svg\"\n"
            "   xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
            "xmlns:cc=\"http://creativecommons.org/ns#\"\n"
            "   xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
            "  <sodipodi:namedview id=\"namedview7\" pagecolor=\"#ffffff\" bordercolor=\"#666666\" "
            "showgrid=\"true\">\n"
            "    <inkscape:grid type=\"xygrid\" id=\"grid9\"/>\n  </sodipodi:namedview>\n"
            "  <defs id=\"defs2\">\n    <linearGradient id=\"lg1\"><stop "
            "style=\"stop-color:#3465a4;stop-opacity:1\" "
            "offset=\"0\" id=\"s1\"/><stop style=\"stop-color:#3465a4;stop-opacity:0\" offset=\"1\" "
            "id=\"s2\"/>"
            "</linearGradient>\n    <linearGradient xlink:href=\"#lg1\" id=\"lg2\" x1=\"6\" y1=\"6\" "
            "x2=\"26\" y2=\"26\" "
            "gradientUnits=\"userSpaceOnUse\"/>\n  </defs>\n"
            "  <metadata id=\"metadata5\"><rdf:RDF><cc:Work "
            "rdf:about=\"\"><dc:format>image/svg+xml</dc:format>"
            "</cc:Work></rdf:RDF></metadata>\n"
            "  <g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\" id=\"layer1\" "
            "transform=\"translate(0,%1)\">\n")
            .arg(n(rng, -2, 2));
    for (int i = 0; i < 6; ++i) {
        svg += QStringLiteral(
                   "    <path style=\"fill:none;stroke:#000000;stroke-width:%1px;stroke-linecap:round;"
                   "stroke-linejoin:round\" d=\"m %2,%3 c %4,%5 %6,%7 %8,%9 l %10,%11 z\" id=\"path%12\" "
                   "inkscape:connector-curvature=\"0\" sodipodi:nodetypes=\"ccc\"/>\n")
                   .arg(n(rng, 0.5, 1.5), n(rng, 4, 28), n(rng, 4, 28), n(rng, -4, 4), n(rng, -4, 4),
                        n(rng, -4, 4), n(rng, -4, 4), n(rng, -4, 4), n(rng, -4, 4))
                   .arg(n(rng, -4, 4), n(rng, -4, 4))
                   .arg(1000 + i);
    }
    svg +=
        QStringLiteral("    <rect style=\"opacity:0.5;fill:url(#lg2);stroke:none\" id=\"rect1\" width=\"%1\" "
                       "height=\"%2\" x=\"6\" y=\"6\" ry=\"2\"/>\n  </g>\n</svg>\n")
            .arg(n(rng, 10, 20), n(rng, 10, 20));
    return svg;
}

QString illustratorIcon(QRandomGenerator &rng)
{
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Generator: Adobe Illustrator 27.5.0, SVG "
               "Export "
               "Plug-In . SVG Version: 6.00 Build 0)  -->\n<svg version=\"1.1\" id=\"Layer_1\" "
               "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" x=\"0px\" "
               "y=\"0px\"\n\t viewBox=\"0 0 32 32\" style=\"enable-background:new 0 0 32 32;\" "
               "xml:space=\"preserve\">\n<style "
               "type=\"text/css\">\n\t.st0{fill:none;stroke:#1D1D1B;stroke-width:0.75;"
               "stroke-miterlimit:10;}\n\t.st1{fill:url(#SVGID_1_);}\n\t.st2{fill:#E30613;}\n</style>\n"
               "<linearGradient id=\"SVGID_1_\" gradientUnits=\"userSpaceOnUse\" x1=\"6\" y1=\"16\" "
               "x2=\"26\" "
               "y2=\"16\">\n\t<stop  offset=\"0\" style=\"stop-color:#FFFFFF\"/>\n\t<stop  offset=\"1\" "
               "style=\"stop-color:#1D1D1B\"/>\n</linearGradient>\n<rect x=\"6\" y=\"6\" class=\"st1\" "
               "width=\"%1\" "
               "height=\"%2\"/>\n<path class=\"st0\" d=\"M4,28c0-13.25,%3,-24,24-24\"/>\n<circle "
               "class=\"st2\" "
               "cx=\"16\" cy=\"16\" r=\"%4\"/>\n<polygon class=\"st0\" points=\"16,%5 25.5,16 16,25.5 6.5,16 "
               "\"/>\n"
               "<g>\n\t<ellipse transform=\"matrix(0.7071 -0.7071 0.7071 0.7071 -2.3431 20.3431)\" "
               "class=\"st2\" "
               "cx=\"22\" cy=\"8\" rx=\"2.5\" ry=\"1.2\"/>\n</g>\n</svg>\n")
        .arg(n(rng, 10, 20), n(rng, 10, 20), n(rng, 5, 15), n(rng, 2, 5), n(rng, 5, 8));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QRandomGenerator rng(20240601);
    QStringList corpus;
    qint64 bytes = 0;
    while (bytes < 4 * 1024 * 1024) {
        const QString doc = corpus.size() % 3 == 0   ? designIcon(rng)
                            : corpus.size() % 3 == 1 ? inkscapeIcon(rng)
                                                     : illustratorIcon(rng);
        bytes += doc.toUtf8().size();
        corpus.append(doc);
    }

    // Warm-up, and a check that the corpus really is benign.
    for (int i = 0; i < 30; ++i) {
        const SvgSanitizeResult result = SvgSanitizer::sanitize(corpus[i]);
        if (!result.ok) {
            std::fprintf(stderr, "bench corpus document %d rejected: %s\n", i, qPrintable(result.error));
            return 1;
        }
    }

    // The figure is this thread's CPU time: the bench shares its machine with builds and servers, and wall
    // time would measure their load rather than the sanitiser. Wall time goes to stderr for comparison.
    const auto cpuSeconds = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + ts.tv_nsec / 1e9;
    };
    // `bench_sanitizer N` sanitises the corpus N times (for a profiler; the figure is per pass).
    const int passes = argc > 1 ? qMax(1, QByteArray(argv[1]).toInt()) : 1;
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = cpuSeconds();
    qsizetype outputSize = 0;
    for (int pass = 0; pass < passes; ++pass) {
        for (const QString &doc : corpus)
            outputSize += SvgSanitizer::sanitize(doc).svg.size();
    }
    const double seconds = (cpuSeconds() - cpuStart) / passes;
    const double wallSeconds = timer.nsecsElapsed() / 1e9 / passes;
    Q_UNUSED(outputSize);

    const double mb = bytes / (1024.0 * 1024.0);
    std::printf("sanitizer: %.1f MB/s (%lld documents, %.1f µs/doc)\n", mb / seconds, qint64(corpus.size()),
                seconds * 1e6 / corpus.size());
    std::fprintf(stderr, "sanitizer (wall clock): %.1f MB/s\n", mb / wallSeconds);
    return 0;
}
