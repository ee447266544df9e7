// The shared export encoders beyond what tests/app/tst_exporter.cpp checks through the app's Exporter:
// format names, encode() per format (and nothing for an SVG that does not render), and file names.
#include "core/filenames.h"
#include "export/iconexport.h"

#include <QImage>
#include <QTest>

namespace {
const QString Svg =
    QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                   "<rect x=\"8\" y=\"8\" width=\"16\" height=\"16\" fill=\"#ff0000\"/></svg>");
}

class TestIconExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames()
    {
        using IconExport::Format;
        QCOMPARE(IconExport::formatFromName(QStringLiteral("PNG")), std::optional(Format::Png));
        QCOMPARE(IconExport::formatFromName(QStringLiteral(" icns ")), std::optional(Format::Icns));
        QCOMPARE(IconExport::formatFromName(QStringLiteral("jpeg")), std::nullopt);
        QCOMPARE(IconExport::formatFromName(QString()), std::nullopt);
        for (const QString &name : IconExport::formatNames())
            QCOMPARE(IconExport::formatName(*IconExport::formatFromName(name)), name);
    }

    void encodeEachFormat()
    {
        using IconExport::Format;
        QCOMPARE(IconExport::encode(Svg, Format::Svg), Svg.toUtf8());
        QImage png;
        QVERIFY(png.loadFromData(IconExport::encode(Svg, Format::Png, 24), "PNG"));
        QCOMPARE(png.size(), QSize(24, 24));
        QCOMPARE(IconExport::encode(Svg, Format::Ico), IconExport::icoData(Svg));
        QVERIFY(IconExport::encode(Svg, Format::Icns).startsWith("icns"));
        // What does not render is not exported in any format, SVG included.
        for (Format f : {Format::Svg, Format::Png, Format::Ico, Format::Icns})
            QVERIFY(IconExport::encode(QStringLiteral("<svg"), f).isEmpty());
    }

    void iconFileNames()
    {
        QCOMPARE(iconFileName(QStringLiteral("Fillet two curves"), 0, 1, QStringLiteral("svg")),
                 QStringLiteral("fillet_two_curves.svg"));
        QCOMPARE(iconFileName(QStringLiteral("Fillet two curves"), 2, 3, QStringLiteral(".PNG")),
                 QStringLiteral("fillet_two_curves_variant_3.png"));
        QCOMPARE(iconFileName(QStringLiteral("  "), 0, 1, QString()), QStringLiteral("icon"));
        QCOMPARE(iconFileName(QStringLiteral("!!!"), 0, 1, QStringLiteral("ico")),
                 QStringLiteral("export.ico"));
    }
};

QTEST_MAIN(TestIconExport)
#include "tst_iconexport.moc"
