#include "svg/svgsanitizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QXmlStreamReader>
#include <QtTest>

#include <sys/resource.h>

namespace {

QString dataDir()
{
    return QStringLiteral(SVG_TEST_DATA_DIR);
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Everything that could make an SVG active or reach outside the document (security-policy §4 test-pass rule),
// matched case-insensitively, on the output as is and with whitespace/control characters removed.
QStringList dangerousPieces(const QString &svg)
{
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("<\\s*script")),
        QRegularExpression(QStringLiteral("javascript:")),
        QRegularExpression(QStringLiteral("vbscript:")),
        QRegularExpression(QStringLiteral("data:")),
        QRegularExpression(QStringLiteral("\\bon[a-z]+\\s*=")),
        QRegularExpression(QStringLiteral("https?:")),
        QRegularExpression(QStringLiteral("file:")),
        QRegularExpression(QStringLiteral("ftp:")),
        QRegularExpression(QStringLiteral("//")),
        QRegularExpression(QStringLiteral("@import")),
        QRegularExpression(QStringLiteral("expression\\(")),
        QRegularExpression(QStringLiteral("url\\((?!#)")),
        QRegularExpression(QStringLiteral("href\\s*=\\s*\"(?!#)")),
        QRegularExpression(
            QStringLiteral("<\\s*(foreignobject|use|image|a|animate\\w*|set|iframe|embed|object|style|"
                           "handler|listener|tref|feimage|html|body|img|math|symbol|clippath|mask|text)"
                           "[\\s/>]")),
        QRegularExpression(QStringLiteral("<!--|<!\\[cdata|<\\?|<!doctype|<!entity|<!attlist")),
        QRegularExpression(QStringLiteral("xml:base|-moz-binding|behavior\\s*:|style\\s*=|class\\s*=")),
    };
    QString text = svg;
    text.remove(QStringLiteral("xmlns=\"http://www.w3.org/2000/svg\""));
    text.remove(QStringLiteral("xmlns:xlink=\"http://www.w3.org/1999/xlink\""));
    QString squeezed = text;
    squeezed.removeIf([](QChar c) { return c.isSpace() || c.unicode() < 0x20; });
    QStringList found;
    for (const QRegularExpression &re : patterns) {
        QRegularExpression caseless(re.pattern(), QRegularExpression::CaseInsensitiveOption);
        if (caseless.match(text).hasMatch() || caseless.match(squeezed).hasMatch())
            found.append(re.pattern());
    }
    return found;
}

// Shape elements and their geometry attributes, in document order.
QStringList geometry(const QString &svg)
{
    static const QStringList shapes = {QStringLiteral("path"),   QStringLiteral("rect"),
                                       QStringLiteral("circle"), QStringLiteral("ellipse"),
                                       QStringLiteral("line"),   QStringLiteral("polyline"),
                                       QStringLiteral("polygon")};
    static const QStringList attributes = {
        QStringLiteral("d"),     QStringLiteral("points"), QStringLiteral("x"),  QStringLiteral("y"),
        QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("cx"), QStringLiteral("cy"),
        QStringLiteral("r"),     QStringLiteral("rx"),     QStringLiteral("ry"), QStringLiteral("x1"),
        QStringLiteral("y1"),    QStringLiteral("x2"),     QStringLiteral("y2"), QStringLiteral("transform")};
    QStringList out;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement || !shapes.contains(reader.name().toString()))
            continue;
        QString descriptor = reader.name().toString();
        for (const QString &name : attributes) {
            const QStringView value = reader.attributes().value(QString(), name);
            if (!value.isEmpty())
                descriptor += u' ' + name + u'=' + value.trimmed().toString();
        }
        out.append(descriptor);
    }
    return out;
}

QImage render(const QString &svg, int size = 128)
{
    QSvgRenderer renderer(svg.toUtf8());
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (!renderer.isValid())
        return {};
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    return image;
}

// Fraction of pixels whose colour differs noticeably.
double difference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size() || a.isNull())
        return 1.0;
    qint64 different = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *la = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *lb = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int d =
                std::max({std::abs(qRed(la[x]) - qRed(lb[x])), std::abs(qGreen(la[x]) - qGreen(lb[x])),
                          std::abs(qBlue(la[x]) - qBlue(lb[x])), std::abs(qAlpha(la[x]) - qAlpha(lb[x]))});
            if (d > 24)
                ++different;
        }
    }
    return double(different) / (a.width() * a.height());
}

// QtSvg's complaints while loading a document: the sanitiser's output should give it none.
QStringList svgWarnings(const QString &svg)
{
    static QStringList *sink = nullptr;
    QStringList warnings;
    sink = &warnings;
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &context, const QString &message) {
            if (sink && QByteArray(context.category ? context.category : "").startsWith("qt.svg"))
                sink->append(message);
        });
    QSvgRenderer renderer(svg.toUtf8());
    qInstallMessageHandler(previous);
    sink = nullptr;
    if (!renderer.isValid())
        warnings.append(QStringLiteral("invalid"));
    return warnings;
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

QString repeated(const QString &piece, int count)
{
    QString out;
    out.reserve(piece.size() * count);
    for (int i = 0; i < count; ++i)
        out += piece;
    return out;
}

const QString rectOnly = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                                        "<rect x=\"4\" y=\"4\" width=\"10\" height=\"10\"/>%1</svg>");

} // namespace

class TestSvgSanitizer : public QObject
{
    Q_OBJECT

private slots:
    void deriveScope_data();
    void deriveScope();
    void maliciousCorpus_data();
    void maliciousCorpus();
    void resourceExhaustion_data();
    void resourceExhaustion();
    void resourceExhaustionMemory();
    void benignIcons_data();
    void benignIcons();
    void idsAreScopedAndReferencesRewritten();
    void seedScopeReplacesRatherThanStacks();
    void emptySeedIsDeterministicPerContent();
    void urlReferencesOnlyToLocalGradients();
    void stylesFoldIntoPresentationAttributes();
    void rootWithoutNamespaceGetsIt();
    void pathDataIsCutAtFirstError();
    void gradientLinkCyclesAreBroken();
    void radialGradientsGetARadius();
    void duplicateIdsKeepTheFirst();
    void byteOrderMarkAndLeadingWhitespace();
    void textAndClippingAreDropped();
    void titleAndDescAreKeptAsText();
    void outputEscapingReadsBackAsWritten();
    void limitsAreConfigurable();
    void outputGrownByStyleRulesStaysWithinTheLimit();
    void errorsAreSentences();
    void mutatedCorpusStaysSafeAndIdempotent();
};

void TestSvgSanitizer::deriveScope_data()
{
    QTest::addColumn<QString>("seed");
    QTest::addColumn<QString>("scope");
    // Expected values computed independently with the original's fold: h = (h*31 + codepoint) mod 16^8.
    QTest::newRow("empty") << QString() << QStringLiteral("00000000");
    QTest::newRow("a") << QStringLiteral("a") << QStringLiteral("00000061");
    QTest::newRow("abc") << QStringLiteral("abc") << QStringLiteral("00017862");
    QTest::newRow("uuid (wraps)") << QStringLiteral("0190a3b2-7c4e-7d8f-9a1b-2c3d4e5f6a7b")
                                  << QStringLiteral("7b3d5fb9");
    QTest::newRow("astral code point")
        << QStringLiteral("Fillet two curves \U0001F600") << QStringLiteral("f3cb1566");
    QTest::newRow("latin-1") << QStringLiteral("\u00e9") << QStringLiteral("000000e9");
}

void TestSvgSanitizer::deriveScope()
{
    QFETCH(QString, seed);
    QFETCH(QString, scope);
    QCOMPARE(SvgSanitizer::deriveScope(seed), scope);
}

void TestSvgSanitizer::maliciousCorpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dataDir() + QStringLiteral("/malicious"));
    const QStringList files = dir.entryList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 60, "the malicious corpus is missing");
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void TestSvgSanitizer::maliciousCorpus()
{
    QFETCH(QString, path);
    const QString input = readFile(path);
    QVERIFY(!input.isEmpty());
    const QString name = QFileInfo(path).fileName();
    QVERIFY2(!dangerousPieces(input).isEmpty() || name.startsWith(QLatin1StringView("reject_")) ||
                 name.startsWith(QLatin1StringView("values_")),
             "a malicious vector must carry something dangerous");

    QElapsedTimer timer;
    timer.start();
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input);
    QVERIFY(timer.elapsed() < 1000);

    if (QFileInfo(path).fileName().startsWith(QLatin1StringView("reject_"))) {
        QVERIFY2(!result.ok, qPrintable(result.svg));
        QVERIFY(!result.error.isEmpty());
        QVERIFY(result.svg.isEmpty());
        return;
    }
    // The rest carry drawable geometry next to the attack: the sanitiser keeps the icon and removes the
    // attack.
    QVERIFY2(result.ok, qPrintable(result.error));
    const QStringList found = dangerousPieces(result.svg);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u' ') + u'\n' + result.svg));
    QCOMPARE(svgWarnings(result.svg), QStringList());
    QVERIFY(!geometry(result.svg).isEmpty());
    QCOMPARE(SvgSanitizer::sanitize(result.svg).svg, result.svg);
    const SvgSanitizeResult seeded = SvgSanitizer::sanitize(input, QStringLiteral("asset-42"));
    QCOMPARE(SvgSanitizer::sanitize(seeded.svg, QStringLiteral("asset-42")).svg, seeded.svg);
}

void TestSvgSanitizer::resourceExhaustion_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("accepted");
    const QString open = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\">");
    const QString rect = QStringLiteral("<rect width=\"1\" height=\"1\"/>");

    QTest::newRow("10k-deep nesting")
        << open + repeated(QStringLiteral("<g>"), 10000) + rect + repeated(QStringLiteral("</g>"), 10000) +
               QStringLiteral("</svg>")
        << false;
    QTest::newRow("10k-deep unclosed") << open + repeated(QStringLiteral("<g>"), 10000) << false;
    QTest::newRow("33 levels") << open + repeated(QStringLiteral("<g>"), 32) + rect +
                                      repeated(QStringLiteral("</g>"), 32) + QStringLiteral("</svg>")
                               << false;
    QTest::newRow("32 levels") << open + repeated(QStringLiteral("<g>"), 30) + rect +
                                      repeated(QStringLiteral("</g>"), 30) + QStringLiteral("</svg>")
                               << true;
    QTest::newRow("2001 elements") << open + repeated(rect, 2000) + QStringLiteral("</svg>") << false;
    QTest::newRow("2000 elements") << open + repeated(rect, 1999) + QStringLiteral("</svg>") << true;
    QTest::newRow("2000 dropped elements")
        << open + rect + repeated(QStringLiteral("<script/>"), 2000) + QStringLiteral("</svg>") << false;
    QTest::newRow("attribute over 32 KiB")
        << open + QStringLiteral("<path d=\"M0 0") + repeated(QStringLiteral(" L1 1"), 7000) +
               QStringLiteral("\"/></svg>")
        << false;
    QTest::newRow("attribute just under 32 KiB")
        << open + QStringLiteral("<path d=\"M0 0") + repeated(QStringLiteral(" L1 1"), 6500) +
               QStringLiteral("\"/></svg>")
        << true;
    QTest::newRow("multibyte attribute over 32 KiB")
        << open + QStringLiteral("<rect width=\"1\" height=\"1\" id=\"") +
               repeated(QStringLiteral("\u4e2d"), 11000) + QStringLiteral("\"/></svg>")
        << false;
    QTest::newRow("1 MiB document") << open + rect +
                                           repeated(QStringLiteral("<desc>xxxxxxxxxxxxxxxxxxxx</desc>"),
                                                    33000) +
                                           QStringLiteral("</svg>")
                                    << false;
    QTest::newRow("300 KiB attribute")
        << open + QStringLiteral("<rect width=\"1\" height=\"1\" fill=\"") +
               repeated(QStringLiteral("a"), 300 * 1024) + QStringLiteral("\"/></svg>")
        << false;
    QString manyAttributes = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    for (int i = 0; i < 25000; ++i)
        manyAttributes += QStringLiteral(" a%1=\"\"").arg(i);
    QTest::newRow("25k attributes on one element")
        << manyAttributes + QStringLiteral(">") + rect + QStringLiteral("</svg>") << false;
    QString quotedEquals = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- ") +
                           repeated(QStringLiteral("="), 5000) +
                           QStringLiteral(" --><desc>a=b</desc><rect width=\"1\" height=\"1\" id=\"") +
                           repeated(QStringLiteral("="), 5000) + QStringLiteral("\"/></svg>");
    QTest::newRow("'=' in comments and values is no attribute") << quotedEquals << true;
    QString manyNamespaces = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    for (int i = 0; i < 8000; ++i)
        manyNamespaces += QStringLiteral(" xmlns:n%1=\"urn:x:%1\"").arg(i);
    QTest::newRow("8k namespace declarations")
        << manyNamespaces + QStringLiteral(">") + rect + QStringLiteral("</svg>") << false;
    QString chain = open;
    for (int i = 0; i < 1500; ++i)
        chain += QStringLiteral("<linearGradient id=\"g%1\" href=\"#g%2\"/>").arg(i).arg(i + 1);
    chain += QStringLiteral("<linearGradient id=\"g1500\" href=\"#g0\"/><rect width=\"1\" height=\"1\" "
                            "fill=\"url(#g0)\"/></svg>");
    QTest::newRow("1500-gradient href cycle") << chain << true;
    QTest::newRow("billion laughs") << readFile(dataDir() +
                                                QStringLiteral("/malicious/reject_billion_laughs.svg"))
                                    << false;
    QTest::newRow("quadratic blowup")
        << readFile(dataDir() + QStringLiteral("/malicious/reject_quadratic_blowup.svg")) << false;
    QTest::newRow("long path data") << open + QStringLiteral("<path d=\"M0 0") +
                                           repeated(QStringLiteral("c1.5-2.25 3.125 4 5 6"), 1400) +
                                           QStringLiteral("\"/></svg>")
                                    << true;
}

void TestSvgSanitizer::resourceExhaustion()
{
    QFETCH(QString, input);
    QFETCH(bool, accepted);
    QElapsedTimer timer;
    timer.start();
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input);
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 1000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    QCOMPARE(result.ok, accepted);
    if (result.ok) {
        QVERIFY(QSvgRenderer(result.svg.toUtf8()).isValid());
        QCOMPARE(SvgSanitizer::sanitize(result.svg).svg, result.svg);
    } else {
        QVERIFY(!result.error.isEmpty());
    }
}

void TestSvgSanitizer::resourceExhaustionMemory()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's quarantine and shadow memory inflate RSS; the budget holds for normal builds.");
#endif
    // Peak RSS is a high-water mark: whatever the exhaustion inputs add on top of it is their peak cost.
    const QString deep =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\">") + repeated(QStringLiteral("<g>"), 10000);
    const QString laughs = readFile(dataDir() + QStringLiteral("/malicious/reject_billion_laughs.svg"));
    const QString blowup = readFile(dataDir() + QStringLiteral("/malicious/reject_quadratic_blowup.svg"));
    QString big = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0") +
                  repeated(QStringLiteral(" L1 1"), 6500) + QStringLiteral("\"/>");
    big += repeated(QStringLiteral("<rect width=\"1\" height=\"1\" fill=\"#abcdef\" stroke=\"#123456\"/>"),
                    1900) +
           QStringLiteral("</svg>");
    const long before = peakRssKiB();
    for (int round = 0; round < 5; ++round) {
        for (const QString &input : {deep, laughs, blowup, big})
            SvgSanitizer::sanitize(input);
    }
    const long grownMiB = (peakRssKiB() - before) / 1024;
    qInfo("peak RSS grew by %ld MiB", grownMiB);
    QVERIFY2(grownMiB < 64, qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(grownMiB)));
}

void TestSvgSanitizer::benignIcons_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dataDir() + QStringLiteral("/benign"));
    const QStringList files = dir.entryList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 7);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void TestSvgSanitizer::benignIcons()
{
    QFETCH(QString, path);
    const QString input = readFile(path);
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("benign"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY2(dangerousPieces(result.svg).isEmpty(), qPrintable(result.svg));

    // Same shapes, same path data, coordinates and transforms.
    const QStringList before = geometry(input);
    QVERIFY(!before.isEmpty());
    QCOMPARE(geometry(result.svg), before);

    // And it looks the same: QtSvg draws the original (CSS classes, style attributes, gradients) and the
    // sanitised version (presentation attributes only) alike. (The Illustrator sample writes its dash array
    // as "2 1": QtSvg 6.4's CSS parser misreads the comma form "2,1", which the sanitiser's attribute form
    // does not.)
    const QImage original = render(input);
    const QImage sanitized = render(result.svg);
    QVERIFY(!sanitized.isNull());
    QCOMPARE(svgWarnings(result.svg), QStringList());
    QVERIFY(!original.isNull());
    const double diff = difference(original, sanitized);
    QVERIFY2(diff < 0.005,
             qPrintable(QStringLiteral("%1 % of pixels differ\n%2").arg(diff * 100).arg(result.svg)));

    QCOMPARE(SvgSanitizer::sanitize(result.svg, QStringLiteral("benign")).svg, result.svg);
    const QString unseeded = SvgSanitizer::sanitize(input).svg;
    QCOMPARE(SvgSanitizer::sanitize(unseeded).svg, unseeded);
}

void TestSvgSanitizer::idsAreScopedAndReferencesRewritten()
{
    const QString input = QStringLiteral(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 "
        "0 32 32\">"
        "<defs><linearGradient id=\"base\"><stop offset=\"0\" stop-color=\"red\"/></linearGradient>"
        "<linearGradient id=\"grad\" xlink:href=\"#base\" x1=\"0\" x2=\"1\"/></defs>"
        "<g id=\"Primary\"><rect width=\"10\" height=\"10\" fill=\"url(#grad)\" stroke=\"url( '#base' ) "
        "black\"/></g></svg>");
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("abc"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.svg.contains(QStringLiteral("id=\"base_00017862\"")));
    QVERIFY(result.svg.contains(QStringLiteral("id=\"grad_00017862\"")));
    QVERIFY(result.svg.contains(QStringLiteral("id=\"Primary_00017862\"")));
    QVERIFY(result.svg.contains(QStringLiteral("xlink:href=\"#base_00017862\"")));
    QVERIFY(result.svg.contains(QStringLiteral("fill=\"url(#grad_00017862)\"")));
    QVERIFY(result.svg.contains(QStringLiteral("stroke=\"url(#base_00017862) black\"")));
    QVERIFY(!result.svg.contains(QStringLiteral("\"#base\"")));
}

void TestSvgSanitizer::seedScopeReplacesRatherThanStacks()
{
    const QString input =
        rectOnly.arg(QStringLiteral("<g id=\"Grips\"><rect x=\"3\" y=\"3\" width=\"2\" height=\"2\"/></g>"));
    const QString first = SvgSanitizer::sanitize(input, QStringLiteral("one")).svg;
    const QString second = SvgSanitizer::sanitize(first, QStringLiteral("two")).svg;
    QVERIFY(first.contains(QStringLiteral("id=\"Grips_") + SvgSanitizer::deriveScope(QStringLiteral("one")) +
                           u'"'));
    QVERIFY(second.contains(QStringLiteral("id=\"Grips_") + SvgSanitizer::deriveScope(QStringLiteral("two")) +
                            u'"'));
    QVERIFY(!second.contains(SvgSanitizer::deriveScope(QStringLiteral("one"))));
    QCOMPARE(SvgSanitizer::sanitize(second, QStringLiteral("one")).svg, first);
}

void TestSvgSanitizer::emptySeedIsDeterministicPerContent()
{
    const QString a =
        rectOnly.arg(QStringLiteral("<g id=\"Guide\"><line x1=\"4\" y1=\"4\" x2=\"28\" y2=\"4\"/></g>"));
    const QString b =
        rectOnly.arg(QStringLiteral("<g id=\"Guide\"><line x1=\"4\" y1=\"6\" x2=\"28\" y2=\"6\"/></g>"));
    const QString sa = SvgSanitizer::sanitize(a).svg;
    QCOMPARE(SvgSanitizer::sanitize(a).svg, sa);
    const QRegularExpression scope(QStringLiteral("id=\"Guide_([0-9a-f]{8})\""));
    const auto ma = scope.match(sa);
    const auto mb = scope.match(SvgSanitizer::sanitize(b).svg);
    QVERIFY(ma.hasMatch() && mb.hasMatch());
    QVERIFY(ma.captured(1) != mb.captured(1));
    // Icons without ids need no scope and are not touched by it.
    QVERIFY(!SvgSanitizer::sanitize(rectOnly.arg(QString())).svg.contains(QStringLiteral("id=")));
}

void TestSvgSanitizer::urlReferencesOnlyToLocalGradients()
{
    const QString input = rectOnly.arg(QStringLiteral(
        "<linearGradient id=\"g\"><stop offset=\"1\" stop-color=\"blue\"/></linearGradient>"
        "<rect id=\"notAGradient\" width=\"1\" height=\"1\"/>"
        "<rect width=\"2\" height=\"2\" fill=\"url(#missing)\" stroke=\"url(#missing) #00ff00\"/>"
        "<rect width=\"3\" height=\"3\" fill=\"url(#notAGradient)\" stroke=\"url(#g)\"/>"));
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("s"));
    QVERIFY(result.ok);
    QVERIFY(!result.svg.contains(QStringLiteral("missing")));
    QVERIFY(!result.svg.contains(QStringLiteral("url(#notAGradient")));
    QVERIFY(result.svg.contains(QStringLiteral("<rect width=\"2\" height=\"2\" stroke=\"#00ff00\"/>")));
    QVERIFY(result.svg.contains(QStringLiteral("stroke=\"url(#g_") +
                                SvgSanitizer::deriveScope(QStringLiteral("s"))));
}

void TestSvgSanitizer::stylesFoldIntoPresentationAttributes()
{
    const QString input = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                                         "<style>.thin{stroke-width:0.5;stroke:#111} .red{fill:red}</style>"
                                         "<rect width=\"10\" height=\"10\" fill=\"blue\" stroke-width=\"3\" "
                                         "class=\"thin red\" style=\"fill: green ;opacity:.5 !important;"
                                         "cursor:pointer\"/></svg>");
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input);
    QVERIFY(result.ok);
    // Presentation attribute < class rule < style attribute; unknown properties vanish.
    QCOMPARE(result.svg,
             QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                            "<rect width=\"10\" height=\"10\" fill=\"green\" stroke-width=\"0.5\" "
                            "stroke=\"#111\" opacity=\".5\"/></svg>"));
}

void TestSvgSanitizer::rootWithoutNamespaceGetsIt()
{
    const SvgSanitizeResult result = SvgSanitizer::sanitize(
        QStringLiteral("<svg viewBox=\"0 0 24 24\"><path d=\"M2 2h20v20H2z\"/></svg>"));
    QVERIFY(result.ok);
    QCOMPARE(result.svg, QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
                                        "<path d=\"M2 2h20v20H2z\"/></svg>"));
}

void TestSvgSanitizer::pathDataIsCutAtFirstError()
{
    const SvgSanitizeResult result = SvgSanitizer::sanitize(
        rectOnly.arg(QStringLiteral("<path d=\"M4 4 L10 10 20 20 L5 x\"/><path d=\"x\"/>")));
    QVERIFY(result.ok);
    QVERIFY(result.svg.contains(QStringLiteral("<path d=\"M4 4 L10 10 20 20\"/>")));
    QVERIFY(result.svg.contains(QStringLiteral("<path/>")));
}

void TestSvgSanitizer::gradientLinkCyclesAreBroken()
{
    const QString input = rectOnly.arg(QStringLiteral(
        "<linearGradient id=\"a\" href=\"#b\"/><linearGradient id=\"b\" href=\"#a\"/>"
        "<linearGradient id=\"c\" href=\"#c\"/><rect width=\"1\" height=\"1\" fill=\"url(#a)\"/>"));
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("s"));
    QVERIFY(result.ok);
    QCOMPARE(result.svg.count(QStringLiteral("xlink:href")), 1); // b → a survives once a → b is cut
    QVERIFY(!result.svg.contains(QStringLiteral("xlink:href=\"#c")));
    QVERIFY(!render(result.svg).isNull());
}

void TestSvgSanitizer::radialGradientsGetARadius()
{
    // QtSvg 6.4 drops a radialGradient without a positive r; the sanitiser writes the inherited or default
    // one.
    const QString input = rectOnly.arg(QStringLiteral(
        "<radialGradient id=\"base\" r=\"7\"><stop offset=\"0\" stop-color=\"red\"/></radialGradient>"
        "<radialGradient id=\"child\" href=\"#base\" cx=\"3\"/>"
        "<radialGradient id=\"plain\" r=\"0\"><stop offset=\"0\" stop-color=\"red\"/></radialGradient>"
        "<rect width=\"4\" height=\"4\" fill=\"url(#child)\"/><rect width=\"2\" height=\"2\" "
        "fill=\"url(#plain)\"/>"));
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("s"));
    QVERIFY(result.ok);
    const QString scope = SvgSanitizer::deriveScope(QStringLiteral("s"));
    QVERIFY(result.svg.contains(
        QStringLiteral("id=\"child_%1\" xlink:href=\"#base_%1\" cx=\"3\" r=\"7\"").arg(scope)));
    QVERIFY(result.svg.contains(QStringLiteral("id=\"plain_%1\" r=\"50%\"").arg(scope)));
    QCOMPARE(svgWarnings(result.svg), QStringList());
}

void TestSvgSanitizer::duplicateIdsKeepTheFirst()
{
    const QString input = rectOnly.arg(QStringLiteral(
        "<g id=\"x\"><rect id=\"x\" width=\"1\" height=\"1\"/></g><g id=\"x_2\"/><g id=\"bad id!\"/>"));
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, QStringLiteral("s"));
    QVERIFY(result.ok);
    const QString scope = SvgSanitizer::deriveScope(QStringLiteral("s"));
    QCOMPARE(result.svg.count(QStringLiteral("id=\"x_") + scope), 1);
    QCOMPARE(result.svg.count(QStringLiteral("id=\"x_2_") + scope), 1);
    QVERIFY(result.svg.contains(QStringLiteral("id=\"bad_id__") + scope));
    QCOMPARE(SvgSanitizer::sanitize(result.svg, QStringLiteral("s")).svg, result.svg);
}

void TestSvgSanitizer::byteOrderMarkAndLeadingWhitespace()
{
    const QString input = QChar(0xFEFF) + QStringLiteral("\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                          rectOnly.arg(QString());
    QVERIFY(SvgSanitizer::sanitize(input).ok);
}

void TestSvgSanitizer::textAndClippingAreDropped()
{
    const SvgSanitizeResult result = SvgSanitizer::sanitize(
        rectOnly.arg(QStringLiteral("<text x=\"4\" y=\"20\">Label<tspan>more</tspan></text><clipPath "
                                    "id=\"c\"><rect width=\"1\" height=\"1\"/>"
                                    "</clipPath><rect width=\"5\" height=\"5\" clip-path=\"url(#c)\"/>")));
    QVERIFY(result.ok);
    QVERIFY(!result.svg.contains(QStringLiteral("Label")));
    QVERIFY(!result.svg.contains(QStringLiteral("clip")));
    QVERIFY(result.svg.contains(QStringLiteral("<rect width=\"5\" height=\"5\"/>")));
}

void TestSvgSanitizer::titleAndDescAreKeptAsText()
{
    const SvgSanitizeResult result = SvgSanitizer::sanitize(rectOnly.arg(
        QStringLiteral("<title>  Fillet &amp; chamfer\n tool </title><desc>see https://example.com</desc>")));
    QVERIFY(result.ok);
    QVERIFY(result.svg.contains(QStringLiteral("<title>Fillet &amp; chamfer tool</title>")));
    QVERIFY(!result.svg.contains(QStringLiteral("<desc")));

    // Text is a fixed point: a format character between spaces and a cut after a space leave no
    // double or trailing space that a second pass would remove.
    const QString longDesc = QString(499, u'x') + QStringLiteral(" and more");
    const SvgSanitizeResult cut = SvgSanitizer::sanitize(
        rectOnly.arg(QStringLiteral("<title>a \u200B b</title><desc>%1</desc>").arg(longDesc)));
    QVERIFY(cut.ok);
    QVERIFY(cut.svg.contains(QStringLiteral("<title>a b</title>")));
    QVERIFY(cut.svg.contains(QStringLiteral("<desc>%1</desc>").arg(QString(499, u'x'))));
    QCOMPARE(SvgSanitizer::sanitize(cut.svg).svg, cut.svg);
}

// The serialiser escapes what XML needs and writes tab, LF and CR inside attribute values as character
// references, so a parser reads every value back as it was validated (an attribute's literal
// whitespace would be normalised to spaces); an element without content is written as <x/>.
void TestSvgSanitizer::outputEscapingReadsBackAsWritten()
{
    const SvgSanitizeResult result = SvgSanitizer::sanitize(QStringLiteral(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><path d=\"M1&#9;1&#10;L2&#13;2\" "
        "stroke=\"#000\"/><title>a&#9;b</title><desc>x \"z\" &amp; &lt; &gt;</desc><g><title/></g></svg>"));
    QVERIFY(result.ok);
    QCOMPARE(result.svg,
             QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><path "
                            "d=\"M1&#9;1&#10;L2&#13;2\" stroke=\"#000\"/><title>a b</title><desc>x "
                            "&quot;z&quot; &amp; &lt; &gt;</desc><g/></svg>"));
    QCOMPARE(SvgSanitizer::sanitize(result.svg).svg, result.svg);
}

void TestSvgSanitizer::limitsAreConfigurable()
{
    SvgSanitizeLimits limits;
    limits.maxElements = 3;
    const QString input = rectOnly.arg(QStringLiteral("<g/><g/>"));
    const SvgSanitizeResult result = SvgSanitizer::sanitize(input, {}, limits);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("The SVG has more than 3 elements."));
    limits.maxElements = 4;
    QVERIFY(SvgSanitizer::sanitize(input, {}, limits).ok);
    limits.maxBytes = 64;
    QCOMPARE(SvgSanitizer::sanitize(input, {}, limits).error,
             QStringLiteral("The SVG is larger than 0 KiB."));
}

void TestSvgSanitizer::outputGrownByStyleRulesStaysWithinTheLimit()
{
    // One class rule folded into every element it matches makes the output larger than the input.
    // What sanitize() accepts must pass sanitize() again (svgsanitizer.h), so the output is
    // measured against the limit too.
    QString paths;
    for (int i = 0; i < 20; ++i)
        paths += QStringLiteral("<path class=\"a\" d=\"M0 0\"/>");
    const QString input =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>.a{fill:#123456;"
                       "stroke:#654321;stroke-width:1.5;stroke-linecap:round}</style>%1</svg>")
            .arg(paths);
    SvgSanitizeLimits limits;
    limits.maxBytes = 1024;
    QVERIFY(input.size() < limits.maxBytes);
    const SvgSanitizeResult grown = SvgSanitizer::sanitize(input, {}, limits);
    QVERIFY(!grown.ok);
    QVERIFY(grown.svg.isEmpty());
    QCOMPARE(grown.error, QStringLiteral("The SVG is larger than 1 KiB once its styles are applied."));

    limits.maxBytes = 4096;
    const SvgSanitizeResult fits = SvgSanitizer::sanitize(input, {}, limits);
    QVERIFY2(fits.ok, qPrintable(fits.error));
    QVERIFY(fits.svg.size() > 1024);
    QCOMPARE(SvgSanitizer::sanitize(fits.svg, {}, limits).svg, fits.svg);
}

void TestSvgSanitizer::errorsAreSentences()
{
    for (const QString &input : {QString(), QStringLiteral("not xml"), QStringLiteral("<svg><rect></svg>"),
                                 QStringLiteral("<!DOCTYPE svg><svg/>"), QStringLiteral("<html/>")}) {
        const SvgSanitizeResult result = SvgSanitizer::sanitize(input);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.front().isUpper() && result.error.endsWith(u'.'), qPrintable(result.error));
    }
}

void TestSvgSanitizer::mutatedCorpusStaysSafeAndIdempotent()
{
    // Deterministic mutation fuzzing over both corpora: splice, drop and duplicate slices and inject attack
    // fragments. Whatever comes out must be safe, render, and be a fixed point of the sanitiser.
    QStringList corpus;
    for (const QString &folder : {QStringLiteral("/benign"), QStringLiteral("/malicious")}) {
        const QDir dir(dataDir() + folder);
        for (const QString &file : dir.entryList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name)) {
            const QString text = readFile(dir.filePath(file));
            if (text.size() < 20000)
                corpus.append(text);
        }
    }
    const QStringList fragments = {
        QStringLiteral("<script>alert(1)</script>"),
        QStringLiteral(" onload=\"alert(1)\""),
        QStringLiteral(" href=\"javascript:alert(1)\""),
        QStringLiteral(" fill=\"url(http://evil.example/#g)\""),
        QStringLiteral(" style=\"fill:url(data:x)\""),
        QStringLiteral("<![CDATA[<script>]]>"),
        QStringLiteral("<!--"),
        QStringLiteral("-->"),
        QStringLiteral("<use href=\"#a\"/>"),
        QStringLiteral("<g id=\"a_0123abcd\">"),
        QStringLiteral("</g>"),
        QStringLiteral("&amp;"),
        QStringLiteral("\""),
        QStringLiteral("<"),
        QStringLiteral(">"),
        QStringLiteral(" d=\"M0 0 L1e309 1\""),
        QStringLiteral("<linearGradient id=\"g\" href=\"#g\"/>"),
        QStringLiteral("<rect width=\"2\" height=\"2\" fill=\"url(#g)\"/>"),
    };
    QRandomGenerator rng(4242);
    int accepted = 0;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < 10000; ++round) {
        QString text = corpus[rng.bounded(int(corpus.size()))];
        const int edits = 1 + rng.bounded(2);
        for (int e = 0; e < edits && !text.isEmpty(); ++e) {
            const int at = rng.bounded(int(text.size()));
            const int length = rng.bounded(std::min(40, int(text.size()) - at) + 1);
            switch (rng.bounded(3)) {
            case 0:
                text.remove(at, length);
                break;
            case 1:
                text.insert(at, text.mid(at, length));
                break;
            default:
                text.insert(at, fragments[rng.bounded(int(fragments.size()))]);
                break;
            }
        }
        const SvgSanitizeResult result = SvgSanitizer::sanitize(text);
        if (!result.ok) {
            QVERIFY(!result.error.isEmpty());
            continue;
        }
        ++accepted;
        const QStringList found = dangerousPieces(result.svg);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u' ') + u'\n' + text + u'\n' + result.svg));
        const QStringList warnings = svgWarnings(result.svg);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n') + u'\n' + text + u'\n' + result.svg));
        QVERIFY2(SvgSanitizer::sanitize(result.svg).svg == result.svg, qPrintable(text + u'\n' + result.svg));
    }
    QVERIFY2(accepted > 500,
             qPrintable(QString::number(accepted))); // the fuzzer reaches the sanitiser's output
    qInfo("mutation fuzzing: %d of 10000 accepted, %lld ms", accepted, timer.elapsed());
}

QTEST_MAIN(TestSvgSanitizer)
#include "tst_svgsanitizer.moc"
