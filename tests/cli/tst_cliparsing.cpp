// The command-line tool's pure parts: arguments and environment → a request or one usage error,
// batch files → entries with unique file names or errors naming their lines, and the file names an
// icon is written under. The tool as a process is tested in tst_cli_offline and tst_cli_server.
#include "batchfile.h"
#include "cliarguments.h"
#include "iconfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cli;

namespace {

QProcessEnvironment environment(const QString &server = {}, const QString &key = {})
{
    QProcessEnvironment env;
    if (!server.isNull())
        env.insert(QStringLiteral("PARAMETRIC_SERVER_URL"), server);
    if (!key.isNull())
        env.insert(QStringLiteral("PARAMETRIC_API_KEY"), key);
    return env;
}

QStringList names(const BatchFile &batch)
{
    QStringList out;
    for (const BatchEntry &e : batch.entries)
        out.append(e.name);
    return out;
}

QStringList fileNames(const QList<PlannedFile> &plan)
{
    QStringList out;
    for (const PlannedFile &f : plan)
        out.append(f.fileName);
    return out;
}

} // namespace

class TestCliParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateOptions()
    {
        const ParseResult r = parseArguments(
            {QStringLiteral("generate"), QStringLiteral("  polar   array "), QStringLiteral("--variants"),
             QStringLiteral("3"), QStringLiteral("--style"), QStringLiteral("LIGHT"), QStringLiteral("-f"),
             QStringLiteral("png"), QStringLiteral("--size"), QStringLiteral("48,16,24,16"),
             QStringLiteral("-o"), QStringLiteral("out/")},
            environment());
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->command, Command::Generate);
        QCOMPARE(r.request->prompt, QStringLiteral("polar array"));
        QCOMPARE(r.request->variants, 3);
        QCOMPARE(r.request->style, ColorMode::Light);
        QCOMPARE(r.request->format, IconExport::Format::Png);
        QCOMPARE(r.request->sizes, (QList<int>{16, 24, 48}));
        QCOMPARE(r.request->output, QStringLiteral("out/"));
        QVERIFY(!r.request->server); // no server anywhere: the built-in engine
    }

    void formatFollowsTheOutputFile()
    {
        ParseResult r = parseArguments({QStringLiteral("generate"), QStringLiteral("gear"),
                                        QStringLiteral("-o"), QStringLiteral("icons/gear.ICNS")},
                                       environment());
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->format, IconExport::Format::Icns);
        r = parseArguments({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("-o"),
                            QStringLiteral("gear.v2")},
                           environment());
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->format, IconExport::Format::Svg);
    }

    void serverFromFlagOrEnvironment()
    {
        ParseResult r =
            parseArguments({QStringLiteral("list")},
                           environment(QStringLiteral("icons.example.com"), QStringLiteral(" pi_abc \n")));
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->server, std::optional(QUrl(QStringLiteral("https://icons.example.com"))));
        QCOMPARE(r.request->apiKey, QByteArray("pi_abc"));

        r = parseArguments(
            {QStringLiteral("list"), QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:4000/")},
            environment(QStringLiteral("icons.example.com"), QStringLiteral("pi_abc")));
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->server, std::optional(QUrl(QStringLiteral("http://127.0.0.1:4000"))));

        // --offline wins over the environment.
        r = parseArguments({QStringLiteral("generate"), QStringLiteral("gear"), QStringLiteral("--offline")},
                           environment(QStringLiteral("icons.example.com"), QStringLiteral("pi_abc")));
        QVERIFY2(r.request, qPrintable(r.error));
        QVERIFY(!r.request->server);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("mentions");
        const QString none;
        QTest::newRow("no command") << QStringList{} << none << none << "Name a command";
        QTest::newRow("unknown command")
            << QStringList{"draw", "gear"} << none << none << "Unknown command 'draw'";
        QTest::newRow("unknown option")
            << QStringList{"generate", "gear", "--colour", "red"} << none << none << "colour";
        QTest::newRow("no prompt") << QStringList{"generate"} << none << none << "needs a prompt";
        QTest::newRow("blank prompt") << QStringList{"generate", "   "} << none << none << "empty";
        QTest::newRow("unquoted prompt") << QStringList{"generate", "fillet", "two", "curves"} << none << none
                                         << "generate \"fillet two curves\"";
        QTest::newRow("long prompt") << QStringList{"generate", QString(1001, QLatin1Char('a'))} << none
                                     << none << "1000";
        QTest::newRow("variants 4") << QStringList{"generate", "gear", "--variants", "4"} << none << none
                                    << "--variants";
        QTest::newRow("variants text")
            << QStringList{"generate", "gear", "-n", "two"} << none << none << "--variants";
        QTest::newRow("style") << QStringList{"generate", "gear", "--style", "blue"} << none << none
                               << "--style";
        QTest::newRow("format") << QStringList{"generate", "gear", "--format", "jpg"} << none << none
                                << "--format";
        QTest::newRow("size without png")
            << QStringList{"generate", "gear", "--size", "24"} << none << none << "PNG only";
        QTest::newRow("size too small")
            << QStringList{"generate", "gear", "-f", "png", "--size", "4"} << none << none << "8 to 1024";
        QTest::newRow("size garbage") << QStringList{"generate", "gear", "-f", "png", "--size", "24,big"}
                                      << none << none << "8 to 1024";
        QTest::newRow("output contradicts format")
            << QStringList{"generate", "gear", "-o", "gear.png", "--format", "svg"} << none << none
            << "does not match";
        QTest::newRow("limit on generate") << QStringList{"generate", "gear", "--limit", "5"} << none << none
                                           << "--limit does not apply to generate";
        QTest::newRow("variants on export")
            << QStringList{"export", "x", "--variants", "2"} << "http://localhost:1"
            << "pi_x"
            << "--variants does not apply to export";
        QTest::newRow("list offline") << QStringList{"list"} << none << none << "PARAMETRIC_SERVER_URL";
        QTest::newRow("export offline") << QStringList{"export", "abc"} << none << none << "--server";
        QTest::newRow("export without id") << QStringList{"export"} << "https://icons.example.com"
                                           << "pi_x"
                                           << "icon id";
        QTest::newRow("batch without file") << QStringList{"batch"} << none << none << "batch toolbar.txt";
        QTest::newRow("server without key") << QStringList{"list", "--server", "https://icons.example.com"}
                                            << none << none << "PARAMETRIC_API_KEY";
        QTest::newRow("key with spaces") << QStringList{"list"} << "https://icons.example.com"
                                         << "pi_a b"
                                         << "PARAMETRIC_API_KEY";
        QTest::newRow("plain http to a remote host")
            << QStringList{"list", "--server", "http://icons.example.com"} << none << "pi_x"
            << "https://";
        QTest::newRow("bad environment url") << QStringList{"list"} << "ftp://icons.example.com"
                                             << "pi_x"
                                             << "PARAMETRIC_SERVER_URL";
        QTest::newRow("offline and server")
            << QStringList{"generate", "gear", "--offline", "--server", "x.com"} << none << "pi_x"
            << "contradict";
        QTest::newRow("limit range") << QStringList{"list", "--limit", "500"} << "https://icons.example.com"
                                     << "pi_x"
                                     << "--limit";
        QTest::newRow("variant range")
            << QStringList{"export", "id", "--variant", "0"} << "https://icons.example.com"
            << "pi_x"
            << "--variant";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, server);
        QFETCH(QString, key);
        QFETCH(QString, mentions);
        const ParseResult r = parseArguments(arguments, environment(server, key));
        QVERIFY(!r.request);
        QVERIFY(!r.help && !r.version);
        QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
    }

    void keyNeverInAnError()
    {
        const ParseResult r =
            parseArguments({QStringLiteral("list")},
                           environment(QStringLiteral("https://x.com"), QStringLiteral("pi_se cret")));
        QVERIFY(!r.request);
        QVERIFY(!r.error.contains(QStringLiteral("se cret")));
    }

    void helpAndVersion()
    {
        QVERIFY(parseArguments({QStringLiteral("--help")}, environment()).help);
        QVERIFY(parseArguments({QStringLiteral("generate"), QStringLiteral("-h")}, environment()).help);
        QVERIFY(parseArguments({QStringLiteral("--version")}, environment()).version);
        QVERIFY(parseArguments({QStringLiteral("--json"), QStringLiteral("bogus")}, environment()).json);
        for (const QString &word :
             {QStringLiteral("generate"), QStringLiteral("batch"), QStringLiteral("list"),
              QStringLiteral("export"), QStringLiteral("PARAMETRIC_API_KEY"), QStringLiteral("--json"),
              QStringLiteral("Exit codes")})
            QVERIFY2(usageText().contains(word), qPrintable(word));
    }

    void batchLines()
    {
        const BatchFile batch =
            BatchFile::parse(QChar(0xFEFF) + QStringLiteral("# toolbar of my plugin\r\n"
                                                            "\r\n"
                                                            "FilletEdge: fillet two   curves\r\n"
                                                            "   # indented comment\n"
                                                            "polar array\n"
                                                            "scale 1:2\n"
                                                            "polar\tarray\n"
                                                            "polar_array: mirror\n"
                                                            "gear.v2: gear with 12 teeth\n"),
                             QStringLiteral("toolbar.txt"));
        QVERIFY2(batch.ok(), qPrintable(batch.errors.join('\n')));
        QCOMPARE(names(batch), (QStringList{"FilletEdge", "polar_array_2", "scale_12", "polar_array_3",
                                            "polar_array", "gear.v2"}));
        QCOMPARE(batch.entries.at(0).prompt, QStringLiteral("fillet two curves"));
        QCOMPARE(batch.entries.at(0).line, 3);
        QCOMPARE(batch.entries.at(2).prompt, QStringLiteral("scale 1:2"));
        QCOMPARE(batch.entries.at(3).prompt, QStringLiteral("polar array"));
        QVERIFY(batch.entries.at(4).named);
        QCOMPARE(batch.entries.at(4).line, 8);
    }

    void batchErrorsNameTheirLines()
    {
        const BatchFile batch = BatchFile::parse(QStringLiteral("gear: gear\n"
                                                                "Gear: box\n"
                                                                "empty:\n"
                                                                "bad\x01line\n"
                                                                "long: %1\n")
                                                     .arg(QString(1001, QLatin1Char('x'))),
                                                 QStringLiteral("t.txt"));
        QCOMPARE(batch.errors.size(), 4);
        QVERIFY2(batch.errors.at(0).startsWith(QStringLiteral("t.txt:2: ")) &&
                     batch.errors.at(0).contains(QStringLiteral("line 1")),
                 qPrintable(batch.errors.at(0)));
        QVERIFY(batch.errors.at(1).startsWith(QStringLiteral("t.txt:3: ")));
        QVERIFY(batch.errors.at(2).startsWith(QStringLiteral("t.txt:4: ")));
        QVERIFY(batch.errors.at(3).startsWith(QStringLiteral("t.txt:5: ")));

        const BatchFile empty = BatchFile::parse(QStringLiteral("# nothing\n\n"), QStringLiteral("e.txt"));
        QCOMPARE(empty.errors.size(), 1);
        QVERIFY(empty.errors.at(0).contains(QStringLiteral("no prompts")));
    }

    void outputFileNames()
    {
        using IconExport::Format;
        const QTemporaryDir dir;
        // A folder (existing, or written with a trailing slash) gets names from the prompt.
        IconOutput out = IconOutput::resolve(dir.path(), QStringLiteral("polar_array"), Format::Png);
        QCOMPARE(out.folder, dir.path());
        QVERIFY(!out.exactName);
        QCOMPARE(fileNames(planFiles(out, {0}, 1, Format::Png, {24})), (QStringList{"polar_array.png"}));
        QCOMPARE(fileNames(planFiles(out, {0, 1}, 2, Format::Png, {16, 24})),
                 (QStringList{"polar_array_variant_1_16.png", "polar_array_variant_1_24.png",
                              "polar_array_variant_2_16.png", "polar_array_variant_2_24.png"}));
        out = IconOutput::resolve(QStringLiteral("new/folder/"), QStringLiteral("gear"), Format::Svg);
        QCOMPARE(out.folder, QStringLiteral("new/folder"));
        QCOMPARE(fileNames(planFiles(out, {0}, 1, Format::Svg, {32})), (QStringList{"gear.svg"}));

        // A file name is used as given, its stem for several files.
        out = IconOutput::resolve(QStringLiteral("icons/Gear.ico"), QStringLiteral("gear"), Format::Ico);
        QCOMPARE(out.folder, QStringLiteral("icons"));
        QCOMPARE(fileNames(planFiles(out, {0}, 1, Format::Ico, {32})), (QStringList{"Gear.ico"}));
        QCOMPARE(fileNames(planFiles(out, {0, 1, 2}, 3, Format::Ico, {32})),
                 (QStringList{"Gear_variant_1.ico", "Gear_variant_2.ico", "Gear_variant_3.ico"}));
        // Exporting one variant of three under a chosen name: exactly that name.
        QCOMPARE(fileNames(planFiles(out, {1}, 3, Format::Ico, {32})), (QStringList{"Gear.ico"}));
        out = IconOutput::resolve(QStringLiteral("gear"), QStringLiteral("x"), Format::Icns);
        QCOMPARE(fileNames(planFiles(out, {0}, 1, Format::Icns, {32})), (QStringList{"gear.icns"}));
    }
};

QTEST_GUILESS_MAIN(TestCliParsing)
#include "tst_cliparsing.moc"
