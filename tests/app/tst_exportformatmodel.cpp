// ExportFormatModel: the Export dialog's table of formats (order, extensions, sizes, the all-variants
// format), read through the roles QML uses.
#include "exportformatmodel.h"

#include "export/iconexport.h"

#include <QTest>

class TestExportFormatModel : public QObject
{
    Q_OBJECT

    static QVariant role(const ExportFormatModel &model, int row, const QByteArray &name)
    {
        return model.data(model.index(row), model.roleNames().key(name));
    }

private Q_SLOTS:
    void listsTheFormatsInOrder()
    {
        ExportFormatModel model;
        QCOMPARE(model.formatNames(),
                 (QStringList{QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("zip"),
                              QStringLiteral("ico"), QStringLiteral("icns")}));
        QCOMPARE(model.rowCount(), 5);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY(!role(model, row, "label").toString().isEmpty());
            QVERIFY(!role(model, row, "detail").toString().isEmpty());
            // Every format but the ZIP is one of the shared encoders' formats, named by its extension.
            const QString format = role(model, row, "format").toString();
            QCOMPARE(role(model, row, "extension").toString(), format);
            QCOMPARE(IconExport::formatFromName(format).has_value(), format != QLatin1String("zip"));
        }
        QVERIFY(!model.data(model.index(5), model.roleNames().key("format")).isValid());
    }

    void extensionsAndVariants()
    {
        ExportFormatModel model;
        QCOMPARE(model.extension(QStringLiteral("png")), QStringLiteral("png"));
        QCOMPARE(model.extension(QStringLiteral("icns")), QStringLiteral("icns"));
        QCOMPARE(model.extension(QStringLiteral("bmp")), QStringLiteral("svg")); // unknown: the vector
        QVERIFY(model.exportsAllVariants(QStringLiteral("zip")));
        QVERIFY(!model.exportsAllVariants(QStringLiteral("png")));
        QVERIFY(role(model, 2, "allVariants").toBool());
    }

    void sizesAreTheEncodersSizes()
    {
        ExportFormatModel model;
        QCOMPARE(model.pngSizes(), IconExport::pngSizes());
        QCOMPARE(role(model, 1, "sizes").value<QList<int>>(), IconExport::pngSizes());
        QCOMPARE(role(model, 3, "sizes").value<QList<int>>(), IconExport::icoSizes());
        QVERIFY(role(model, 0, "sizes").value<QList<int>>().isEmpty());
        // The details the dialog shows under ICO and ICNS follow the sizes they hold.
        QCOMPARE(role(model, 3, "detail").toString(), QStringLiteral("16 to 256 px in one file"));
        QCOMPARE(role(model, 4, "detail").toString(), QStringLiteral("16 to 1024 px in one file"));
    }
};

QTEST_GUILESS_MAIN(TestExportFormatModel)
#include "tst_exportformatmodel.moc"
