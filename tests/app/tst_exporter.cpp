// Exporter and the shared encoders it writes with (shared/export): PNG sizes and transparency, ICO/ICNS
// structure with decodable PNG entries, ZIP archives, and file names from the prompt.
#include "export/iconexport.h"
#include "exporter.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {
// A 32×32 icon that leaves its corners empty (transparent) and fills its centre.
const QString Svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                                   "<rect x=\"8\" y=\"8\" width=\"16\" height=\"16\" fill=\"#ff0000\"/>"
                                   "<circle cx=\"16\" cy=\"16\" r=\"3\" fill=\"#0000ff\"/></svg>");

quint16 le16(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}
quint32 le32(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}
quint32 be32(const QByteArray &b, qsizetype at)
{
    return qFromBigEndian<quint32>(b.constData() + at);
}
QImage decodePng(const QByteArray &png)
{
    QImage img;
    img.loadFromData(png, "PNG");
    return img;
}
} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pngAtEverySizeIsTransparentAndCrisp()
    {
        Exporter e(nullptr);
        QCOMPARE(e.pngSizes(), (QList<int>{16, 24, 32, 48, 64, 128, 256, 512, 1024}));
        for (int size : e.pngSizes()) {
            const QImage img = decodePng(IconExport::pngData(Svg, size));
            QVERIFY2(!img.isNull(), qPrintable(QString::number(size)));
            QCOMPARE(img.size(), QSize(size, size));
            QVERIFY(img.hasAlphaChannel());
            QCOMPARE(qAlpha(img.pixel(0, 0)), 0); // transparent corner
            QCOMPARE(qAlpha(img.pixel(size - 1, size - 1)), 0);
            const QRgb centre = img.pixel(size / 2, size / 2); // the blue dot
            QCOMPARE(qAlpha(centre), 255);
            QVERIFY(qBlue(centre) > 200);
            const QRgb red = img.pixel(size * 10 / 32, size * 10 / 32);
            QVERIFY(qRed(red) > 200 && qAlpha(red) == 255);
        }
        // Rendered from the vector, not scaled: at 1024 px the rectangle edge is a hard 1 px step.
        const QImage big = IconExport::render(Svg, 1024);
        QCOMPARE(qAlpha(big.pixel(255, 512)), 0);
        QCOMPARE(qAlpha(big.pixel(256, 512)), 255);
    }

    void invalidSvgRendersNothing()
    {
        QVERIFY(IconExport::pngData(QStringLiteral("<not-svg"), 32).isEmpty());
        QVERIFY(IconExport::icoData(QStringLiteral("")).isEmpty());
        Exporter e(nullptr);
        QTemporaryDir dir;
        QVERIFY(!e.savePng(QStringLiteral("garbage"), 32,
                           QUrl::fromLocalFile(dir.filePath(QStringLiteral("x.png")))));
        QVERIFY(!e.lastError().isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    }

    void icoHasAPngEntryPerSize()
    {
        const QByteArray ico = IconExport::icoData(Svg);
        QVERIFY(ico.size() > 6);
        QCOMPARE(le16(ico, 0), quint16(0));
        QCOMPARE(le16(ico, 2), quint16(1));
        const int count = le16(ico, 4);
        const QList<int> sizes{16, 24, 32, 48, 64, 128, 256};
        QCOMPARE(count, sizes.size());
        qsizetype expectedOffset = 6 + 16 * count;
        for (int i = 0; i < count; ++i) {
            const qsizetype e = 6 + 16 * i;
            const int w = quint8(ico.at(e)) == 0 ? 256 : quint8(ico.at(e));
            const int h = quint8(ico.at(e + 1)) == 0 ? 256 : quint8(ico.at(e + 1));
            QCOMPARE(w, sizes.at(i));
            QCOMPARE(h, sizes.at(i));
            QCOMPARE(le16(ico, e + 4), quint16(1));
            QCOMPARE(le16(ico, e + 6), quint16(32));
            const quint32 len = le32(ico, e + 8);
            const quint32 off = le32(ico, e + 12);
            QCOMPARE(qsizetype(off), expectedOffset);
            QVERIFY(qsizetype(off + len) <= ico.size());
            const QByteArray png = ico.mid(off, len);
            QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
            const QImage img = decodePng(png);
            QCOMPARE(img.size(), QSize(sizes.at(i), sizes.at(i)));
            expectedOffset += len;
        }
        QCOMPARE(expectedOffset, ico.size());
        // Qt's own ICO reader (if the plugin is present) agrees.
        QImage viaPlugin;
        if (viaPlugin.loadFromData(ico, "ICO"))
            QVERIFY(viaPlugin.width() >= 16);
    }

    void icnsHasTheStandardPngEntries()
    {
        const QByteArray icns = IconExport::icnsData(Svg);
        QVERIFY(icns.startsWith("icns"));
        QCOMPARE(qsizetype(be32(icns, 4)), icns.size());
        const QHash<QByteArray, int> expected{{"ic04", 16},  {"ic05", 32},   {"ic07", 128}, {"ic08", 256},
                                              {"ic09", 512}, {"ic10", 1024}, {"ic11", 32},  {"ic12", 64},
                                              {"ic13", 256}, {"ic14", 512}};
        QSet<QByteArray> seen;
        qsizetype at = 8;
        while (at < icns.size()) {
            QVERIFY(at + 8 <= icns.size());
            const QByteArray type = icns.mid(at, 4);
            const quint32 len = be32(icns, at + 4);
            QVERIFY(len > 8 && at + len <= icns.size());
            QVERIFY2(expected.contains(type), type.constData());
            const QImage img = decodePng(icns.mid(at + 8, len - 8));
            QCOMPARE(img.size(), QSize(expected.value(type), expected.value(type)));
            seen.insert(type);
            at += len;
        }
        QCOMPARE(at, icns.size());
        QCOMPARE(seen.size(), expected.size());
    }

    void zipIsReadable()
    {
        Exporter e(nullptr);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("icons.zip"));
        const QStringList svgs{Svg, Svg + QStringLiteral("<!-- 2 -->"), Svg + QStringLiteral("<!-- 3 -->")};
        QVERIFY(e.saveZip(svgs, QStringLiteral("Fillet two curves"), QUrl::fromLocalFile(path)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray zip = f.readAll();

        // End of central directory → central entries → local entries with the data.
        const qsizetype eocd = zip.lastIndexOf(QByteArray::fromHex("504b0506"));
        QVERIFY(eocd > 0);
        QCOMPARE(le16(zip, eocd + 10), quint16(3));
        qsizetype cd = le32(zip, eocd + 16);
        QStringList names;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(le32(zip, cd), quint32(0x02014b50));
            const quint32 crc = le32(zip, cd + 16);
            const quint32 size = le32(zip, cd + 24);
            const quint16 nameLen = le16(zip, cd + 28);
            const quint32 local = le32(zip, cd + 42);
            names << QString::fromUtf8(zip.mid(cd + 46, nameLen));
            QCOMPARE(le32(zip, local), quint32(0x04034b50));
            const qsizetype dataAt = local + 30 + le16(zip, local + 26) + le16(zip, local + 28);
            const QByteArray data = zip.mid(dataAt, size);
            QCOMPARE(QString::fromUtf8(data), svgs.at(i));
            Q_UNUSED(crc)
            cd += 46 + nameLen + le16(zip, cd + 30) + le16(zip, cd + 32);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("fillet_two_curves_variant_1.svg"),
                                     QStringLiteral("fillet_two_curves_variant_2.svg"),
                                     QStringLiteral("fillet_two_curves_variant_3.svg")}));

        // An independent reader checks the CRCs too.
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 not available for the independent ZIP check");
        QProcess p;
        p.start(python, {QStringLiteral("-c"),
                         QStringLiteral("import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); "
                                        "assert z.testzip() is None; print(len(z.namelist()))"),
                         path});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("3"));
    }

    void fileNamesFollowTheOriginal()
    {
        Exporter e(nullptr);
        QCOMPARE(e.fileName(QStringLiteral("Fillet two curves"), 0, 1, QStringLiteral("svg")),
                 QStringLiteral("fillet_two_curves.svg"));
        QCOMPARE(e.fileName(QStringLiteral("Fillet two curves"), 1, 3, QStringLiteral("png")),
                 QStringLiteral("fillet_two_curves_variant_2.png"));
        QCOMPARE(e.fileName(QStringLiteral("polarArray tool!"), 0, 1, QStringLiteral(".ICO")),
                 QStringLiteral("polar_array_tool.ico"));
        QCOMPARE(e.fileName(QString(), 0, 1, QStringLiteral("svg")), QStringLiteral("icon.svg"));
        QCOMPARE(e.fileName(QStringLiteral("!!!"), 0, 1, QStringLiteral("svg")),
                 QStringLiteral("export.svg"));
        QVERIFY(e.suggestedFile(QStringLiteral("Arc"), 0, 1, QStringLiteral("svg")).isLocalFile());
    }

    void saveWritesFilesAndDragFileIsNamedAfterThePrompt()
    {
        Exporter e(nullptr);
        QTemporaryDir dir;
        QVERIFY(e.saveSvg(Svg, QUrl::fromLocalFile(dir.filePath(QStringLiteral("a.svg")))));
        QVERIFY(e.saveIco(Svg, QUrl::fromLocalFile(dir.filePath(QStringLiteral("a.ico")))));
        QVERIFY(e.saveIcns(Svg, QUrl::fromLocalFile(dir.filePath(QStringLiteral("a.icns")))));
        QVERIFY(e.savePngSet(Svg, QUrl::fromLocalFile(dir.path()), QStringLiteral("Arc tool")));
        for (int s : e.pngSizes())
            QVERIFY(QFile::exists(dir.filePath(QStringLiteral("arc_tool_%1.png").arg(s))));
        QFile svg(dir.filePath(QStringLiteral("a.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(svg.readAll()), Svg);

        const QUrl drag = e.dragFile(Svg, QStringLiteral("Trim curve"), 2, 3);
        QVERIFY(drag.isLocalFile());
        QCOMPARE(QFileInfo(drag.toLocalFile()).fileName(), QStringLiteral("trim_curve_variant_3.svg"));
        QFile dragged(drag.toLocalFile());
        QVERIFY(dragged.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(dragged.readAll()), Svg);
    }
};

QTEST_MAIN(TestExporter)
#include "tst_exporter.moc"
