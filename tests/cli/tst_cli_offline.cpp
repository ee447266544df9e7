// parametric-icons-cli offline, as a plugin's CI runs it: the real executable as a process, in the
// environment of a headless machine (no DISPLAY, a platform plugin that would need one, no server, no
// database), drawing with the built-in engine in its own process. Every format, variants, the same
// bytes on every run, a prompt it does not know (exit 3, suggestions, nothing written), a batch of 20
// prompts to 24 px PNGs with one unknown (exit 3, the other 19 and the manifest written), and usage
// errors (exit 2).
#include "clirunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files, QDir::Name);
}

// The 19 prompts the batch draws: named and unnamed, operations with subjects, parameters.
const QStringList kToolbar{QStringLiteral("FilletCurves: fillet two curves"),
                           QStringLiteral("ChamferBox: chamfer a box"),
                           QStringLiteral("PolarArray: polar array of circles"),
                           QStringLiteral("Gear12: gear with 12 teeth"),
                           QStringLiteral("extrude a curve"),
                           QStringLiteral("revolve"),
                           QStringLiteral("loft"),
                           QStringLiteral("sweep"),
                           QStringLiteral("offset curve"),
                           QStringLiteral("trim"),
                           QStringLiteral("mirror"),
                           QStringLiteral("rotate"),
                           QStringLiteral("scale"),
                           QStringLiteral("move"),
                           QStringLiteral("cylinder"),
                           QStringLiteral("sphere"),
                           QStringLiteral("torus"),
                           QStringLiteral("Distance: distance"),
                           QStringLiteral("spring")};
const QString kUnknown = QStringLiteral("xyzzy plugh frobnicate");

} // namespace

class TestCliOffline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;

    CliRun cli(const QStringList &arguments, const QString &folder = {})
    {
        return runCli(arguments, headlessEnvironment(), folder.isEmpty() ? m_work.path() : folder);
    }
    QString path(const QString &name) const { return QDir(m_work.path()).filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_work.isValid()); }

    void everyFormat()
    {
        // SVG by default, named after the prompt, in the current folder.
        CliRun run = cli({QStringLiteral("generate"), QStringLiteral("gear with 12 teeth")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.out.trimmed(), QByteArray("gear_with_12_teeth.svg"));
        QVERIFY2(run.err.contains("Understood as: "), qPrintable(run.describe()));
        const QByteArray svg = readFile(path(QStringLiteral("gear_with_12_teeth.svg")));
        QVERIFY(svg.contains("viewBox=\"0 0 32 32\""));
        QVERIFY(QSvgRenderer(svg).isValid());

        // PNG from -o's extension, several sizes.
        run = cli({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("-o"),
                   QStringLiteral("png/gear.png"), QStringLiteral("--size"), QStringLiteral("16,24")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(filesIn(path(QStringLiteral("png"))), (QStringList{"gear_16.png", "gear_24.png"}));
        const QImage png24(path(QStringLiteral("png/gear_24.png")));
        QCOMPARE(png24.size(), QSize(24, 24));
        QCOMPARE(qAlpha(png24.pixel(0, 0)), 0); // transparent background
        bool inked = false;
        for (int y = 0; y < 24 && !inked; ++y)
            for (int x = 0; x < 24 && !inked; ++x)
                inked = qAlpha(png24.pixel(x, y)) > 200;
        QVERIFY2(inked, "the PNG is empty");

        // ICO: one PNG entry per standard size; ICNS: its magic and length.
        run = cli({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("--format"),
                   QStringLiteral("ico"), QStringLiteral("-o"), QStringLiteral("icons/")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QByteArray ico = readFile(path(QStringLiteral("icons/gear.ico")));
        QVERIFY(ico.size() > 6);
        QCOMPARE(qFromLittleEndian<quint16>(ico.constData() + 2), quint16(1));
        QCOMPARE(qFromLittleEndian<quint16>(ico.constData() + 4), quint16(7));
        run = cli({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("-o"),
                   QStringLiteral("icons/gear.icns")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QByteArray icns = readFile(path(QStringLiteral("icons/gear.icns")));
        QVERIFY(icns.startsWith("icns"));
        QCOMPARE(qsizetype(qFromBigEndian<quint32>(icns.constData() + 4)), icns.size());

        // --json: one document with the files and the interpretation.
        run = cli({QStringLiteral("generate"), QStringLiteral("polar array of circles"),
                   QStringLiteral("--style"), QStringLiteral("light"), QStringLiteral("--json"),
                   QStringLiteral("-o"), QStringLiteral("json/")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject doc = run.json();
        QCOMPARE(doc.value("generator").toString(), QStringLiteral("built-in engine"));
        QCOMPARE(doc.value("style").toString(), QStringLiteral("light"));
        QVERIFY(!doc.value("interpretation").toObject().value("summary").toString().isEmpty());
        QCOMPARE(doc.value("files").toArray(), QJsonArray{QStringLiteral("json/polar_array_of_circles.svg")});
    }

    // Variants are different drawings; the same command writes the same bytes again (CI can diff).
    void variantsAreStable()
    {
        const QStringList args{QStringLiteral("generate"),   QStringLiteral("fillet two curves"),
                               QStringLiteral("--variants"), QStringLiteral("3"),
                               QStringLiteral("-o"),         QStringLiteral("variants/")};
        CliRun run = cli(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QStringList names{"fillet_two_curves_variant_1.svg", "fillet_two_curves_variant_2.svg",
                                "fillet_two_curves_variant_3.svg"};
        QCOMPARE(filesIn(path(QStringLiteral("variants"))), names);
        QList<QByteArray> first;
        for (const QString &n : names)
            first.append(readFile(path(QStringLiteral("variants/") + n)));
        QVERIFY(first.at(0) != first.at(1) && first.at(1) != first.at(2));
        run = cli(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        for (qsizetype i = 0; i < names.size(); ++i)
            QCOMPARE(readFile(path(QStringLiteral("variants/") + names.at(i))), first.at(i));
    }

    void unknownPromptExits3WithSuggestions()
    {
        const QString folder = path(QStringLiteral("unknown"));
        QVERIFY(QDir().mkpath(folder));
        CliRun run = cli({QStringLiteral("generate"), kUnknown}, folder);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("was not understood") && run.err.contains("Try one of:"),
                 qPrintable(run.describe()));
        QVERIFY(run.out.isEmpty());
        QVERIFY(filesIn(folder).isEmpty()); // nothing drawn, nothing guessed

        run = cli({QStringLiteral("generate"), kUnknown, QStringLiteral("--json")}, folder);
        QCOMPARE(run.exitCode, 3);
        const QJsonObject doc = run.json();
        QCOMPARE(doc.value("error").toString(), QStringLiteral("prompt_not_understood"));
        const QJsonArray suggestions = doc.value("suggestions").toArray();
        QVERIFY(!suggestions.isEmpty() && suggestions.size() <= 5);
        // Every suggestion is itself a prompt the engine draws.
        const CliRun suggested = cli({QStringLiteral("generate"), suggestions.first().toString()}, folder);
        QVERIFY2(suggested.exitCode == 0, qPrintable(suggested.describe()));
    }

    // The acceptance: a toolbar file of 20 prompts to 24 px PNGs, one of them unknown.
    void batchOfTwenty()
    {
        QStringList lines{QStringLiteral("# The toolbar of a plugin"), QString()};
        for (qsizetype i = 0; i < kToolbar.size(); ++i) {
            lines.append(kToolbar.at(i));
            if (i == 9)
                lines.append(QStringLiteral("Mystery: ") + kUnknown);
        }
        QFile file(path(QStringLiteral("toolbar.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
        file.close();

        const CliRun run = cli({QStringLiteral("batch"), QStringLiteral("toolbar.txt"), QStringLiteral("-o"),
                                QStringLiteral("out/"), QStringLiteral("--format"), QStringLiteral("png"),
                                QStringLiteral("--size"), QStringLiteral("24")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out.trimmed(), QByteArray("out/manifest.json"));
        // A progress line per prompt, the unknown one with its suggestions.
        const QString err = QString::fromUtf8(run.err);
        QCOMPARE(err.count(QRegularExpression(QStringLiteral("^\\[[ 0-9]{2}/20\\] "),
                                              QRegularExpression::MultilineOption)),
                 20);
        QVERIFY2(err.contains(QStringLiteral("[11/20] Mystery: not understood")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("19 of 20 icons written")), qPrintable(err));

        const QString out = path(QStringLiteral("out"));
        const QJsonObject manifest =
            QJsonDocument::fromJson(readFile(out + QStringLiteral("/manifest.json"))).object();
        QCOMPARE(manifest.value("generator").toString(), QStringLiteral("built-in engine"));
        QCOMPARE(manifest.value("fileFormat").toString(), QStringLiteral("png"));
        QCOMPARE(manifest.value("sizes").toArray(), QJsonArray{24});
        const QJsonArray icons = manifest.value("icons").toArray();
        QCOMPARE(icons.size(), 20);
        QStringList expectedFiles{QStringLiteral("manifest.json")};
        for (const QJsonValue &v : icons) {
            const QJsonObject icon = v.toObject();
            if (icon.value("name").toString() == QLatin1String("Mystery")) {
                QCOMPARE(icon.value("status").toString(), QStringLiteral("not_understood"));
                QCOMPARE(icon.value("prompt").toString(), kUnknown);
                QCOMPARE(icon.value("line").toInt(), 13);
                QVERIFY(icon.value("files").toArray().isEmpty());
                QVERIFY(!icon.value("suggestions").toArray().isEmpty());
                continue;
            }
            QVERIFY2(icon.value("status").toString() == QLatin1String("ok"),
                     qPrintable(QJsonDocument(icon).toJson()));
            QVERIFY(!icon.value("interpretation").toObject().value("summary").toString().isEmpty());
            const QJsonArray files = icon.value("files").toArray();
            QCOMPARE(files.size(), 1);
            QCOMPARE(files.first().toString(), icon.value("name").toString() + QStringLiteral(".png"));
            expectedFiles.append(files.first().toString());
            QCOMPARE(QImage(out + QLatin1Char('/') + files.first().toString()).size(), QSize(24, 24));
        }
        QCOMPARE(icons.at(0).toObject().value("name").toString(), QStringLiteral("FilletCurves"));
        QCOMPARE(icons.at(4).toObject().value("name").toString(), QStringLiteral("extrude_a_curve"));
        expectedFiles.sort();
        QCOMPARE(filesIn(out), expectedFiles);
    }

    void usageErrorsExit2()
    {
        const QString folder = path(QStringLiteral("usage"));
        QVERIFY(QDir().mkpath(folder));
        const QList<QStringList> cases{
            {},
            {QStringLiteral("generate")},
            {QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("--size"),
             QStringLiteral("24")},
            {QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("--variants"),
             QStringLiteral("9")},
            {QStringLiteral("list")},
            {QStringLiteral("export"), QStringLiteral("abc")},
            {QStringLiteral("batch"), QStringLiteral("missing.txt")},
            {QStringLiteral("frobnicate")},
        };
        for (const QStringList &args : cases) {
            const CliRun run = cli(args, folder);
            QVERIFY2(run.exitCode == 2, qPrintable(args.join(' ') + QLatin1Char('\n') + run.describe()));
            QVERIFY2(run.err.contains("--help"), qPrintable(run.describe()));
            QVERIFY(run.out.isEmpty());
        }
        // A batch file with a bad line: every error named, nothing drawn, no folder made.
        QFile bad(QDir(folder).filePath(QStringLiteral("bad.txt")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("gear: gear\nGear: box\nsphere\n");
        bad.close();
        const CliRun run =
            cli({QStringLiteral("batch"), QStringLiteral("bad.txt"), QStringLiteral("--json")}, folder);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("bad.txt:2: the name \"Gear\" is already used on line 1."),
                 qPrintable(run.describe()));
        QCOMPARE(run.json().value("error").toString(), QStringLiteral("usage"));
        QCOMPARE(filesIn(folder), QStringList{QStringLiteral("bad.txt")});
        QVERIFY(!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("bad"))));

        const CliRun help = cli({QStringLiteral("--help")}, folder);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: parametric-icons-cli"));
        QVERIFY(help.err.isEmpty());
        const CliRun version = cli({QStringLiteral("--version")}, folder);
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QByteArray("parametric-icons-cli " PARAMETRIC_VERSION));
    }
};

QTEST_MAIN(TestCliOffline)
#include "tst_cli_offline.moc"
