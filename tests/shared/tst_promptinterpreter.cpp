// Prompt understanding: words, phrases, synonyms and plurals; numbers as digits and words becoming
// parameters; an operation composed with a subject; qualifiers; ignored words; suggestions; determinism.
#include "vocabulary/iconengine.h"

#include <QJsonArray>
#include <QTest>

using namespace vocab;

namespace {

const PromptInterpreter &interpreter()
{
    return IconEngine::builtin().interpreter();
}

Interpretation understand(const QString &prompt)
{
    return interpreter().interpret(prompt);
}

QString setting(const Interpretation &in, const QString &name)
{
    for (const Interpretation::Setting &s : in.settings) {
        if (s.name == name)
            return s.display;
    }
    return QStringLiteral("(unset)");
}

} // namespace

class TestPromptInterpreter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenizer()
    {
        const Tokenizer t(Vocabulary::builtin().language());
        const auto words = [&](const QString &text) {
            QStringList out;
            for (const Token &token : t.tokenize(text))
                out << (token.number ? QStringLiteral("#") + QString::number(*token.number) : token.text);
            return out.join(u' ');
        };
        QCOMPARE(words(QStringLiteral("BooleanUnion")), QStringLiteral("boolean union"));
        QCOMPARE(words(QStringLiteral("PartDesign_Pad")), QStringLiteral("pad 3d"));
        QCOMPARE(words(QStringLiteral("Sketcher_ConstrainCoincident")),
                 QStringLiteral("constrain coincident"));
        QCOMPARE(words(QStringLiteral("Make2D")), QStringLiteral("make 2d"));
        QCOMPARE(words(QStringLiteral("ExtrudeCrv")), QStringLiteral("extrude curve"));
        QCOMPARE(words(QStringLiteral("NURBSCurve")), QStringLiteral("nurbs curve"));
        QCOMPARE(words(QStringLiteral("10mm offset")), QStringLiteral("#10 mm offset"));
        QCOMPARE(words(QStringLiteral("twenty four teeth")), QStringLiteral("#24 tooth"));
        QCOMPARE(words(QStringLiteral("a dozen boxes")), QStringLiteral("a #12 box"));
        QCOMPARE(words(QStringLiteral("2.5 radii")), QStringLiteral("#2.5 radius"));
        QCOMPARE(words(QStringLiteral("patches meshes vertices axes")),
                 QStringLiteral("patch mesh vertex axis"));
        QCOMPARE(words(QStringLiteral("series analysis torus")), QStringLiteral("series analysis torus"));
        QCOMPARE(t.singular(QStringLiteral("curves")), QStringLiteral("curve"));
        QCOMPARE(t.singular(QStringLiteral("polylines")), QStringLiteral("polyline"));
        QCOMPARE(editDistance(QStringLiteral("chamfre"), QStringLiteral("chamfer")), 1); // a transposition
        QCOMPARE(editDistance(QStringLiteral("fillet"), QStringLiteral("filet")), 1);
    }

    void wordsPhrasesSynonymsAndPlurals_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("summary");
        QTest::newRow("word") << "gear"
                              << "gear";
        QTest::newRow("synonym") << "cogwheel"
                                 << "gear";
        QTest::newRow("phrase") << "toothed wheel"
                                << "gear";
        QTest::newRow("plural") << "Gears"
                                << "gear";
        QTest::newRow("irregular plural") << "vertices"
                                          << "point";
        QTest::newRow("inflection") << "mirrored bolt"
                                    << "mirror · bolt";
        QTest::newRow("inflection -ing") << "lofting sections"
                                         << "loft";
        QTest::newRow("camel case command") << "ArrayPolar"
                                            << "polar array";
        QTest::newRow("workbench command") << "Part_Torus"
                                           << "torus";
        QTest::newRow("abbreviation") << "bbox of a srf"
                                      << "bounding box · surface";
        QTest::newRow("longer phrase wins") << "boolean difference"
                                            << "boolean difference";
        QTest::newRow("specific beats generic verb") << "measure the area of a circle"
                                                     << "area · circle";
        QTest::newRow("punctuation and case") << "HEX NUT!!!"
                                              << "hex nut";
    }
    void wordsPhrasesSynonymsAndPlurals()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, summary);
        const Interpretation in = understand(prompt);
        QVERIFY2(in.understood(), qPrintable(prompt));
        QCOMPARE(in.summary(), summary);
    }

    void numbersBecomeParameters_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("word number before the parameter") << "gear with eight teeth"
                                                          << "teeth"
                                                          << "8";
        QTest::newRow("digits") << "gear with 12 teeth"
                                << "teeth"
                                << "12";
        QTest::newRow("compound number") << "twenty four tooth gear"
                                         << "teeth"
                                         << "24";
        QTest::newRow("number after the parameter") << "fillet radius 3"
                                                    << "radius"
                                                    << "3";
        QTest::newRow("a lone number sets the main parameter") << "polygon 7"
                                                               << "sides"
                                                               << "7";
        QTest::newRow("a word that is a number") << "hexagon"
                                                 << "sides"
                                                 << "6";
        QTest::newRow("octagonal prism") << "octagon"
                                         << "sides"
                                         << "8";
        QTest::newRow("count before the concept") << "5 points"
                                                  << "count"
                                                  << "5";
        QTest::newRow("count of the subject") << "polar array of 6 gears"
                                              << "count"
                                              << "6";
        QTest::newRow("a dozen") << "polar array with a dozen copies"
                                 << "count"
                                 << "12";
        QTest::newRow("degrees") << "rotate 30 degrees"
                                 << "angle"
                                 << "30";
        QTest::newRow("points to populate with") << "populate a region with 20 points"
                                                 << "count"
                                                 << "20";
        QTest::newRow("a list index") << "list item index 3"
                                      << "index"
                                      << "3";
        QTest::newRow("a lone number shifts a list") << "shift list by 2"
                                                     << "offset"
                                                     << "2";
        QTest::newRow("zebra stripes") << "zebra with five stripes"
                                       << "stripes"
                                       << "5";
        QTest::newRow("a toggle set to false") << "boolean toggle false"
                                               << "value"
                                               << "false";
        QTest::newRow("bool value word") << "closed polyline"
                                         << "closed"
                                         << "true";
        QTest::newRow("bool value word, open") << "open curve"
                                               << "closed"
                                               << "false";
        QTest::newRow("gear without a hole") << "solid gear"
                                             << "hub"
                                             << "false";
        QTest::newRow("count of a part's own parts") << "bearing with ten balls"
                                                     << "balls"
                                                     << "10";
        QTest::newRow("a word that sets a choice") << "counterbored hole"
                                                   << "kind"
                                                   << "counterbore";
        QTest::newRow("a word that sets a number") << "hyperbola"
                                                   << "rho"
                                                   << "0.75";
        QTest::newRow("degrees before the concept") << "5 degree draft"
                                                    << "angle"
                                                    << "5";
        QTest::newRow("units are fillers") << "pocket 4 mm deep"
                                           << "depth"
                                           << "4";
    }
    void numbersBecomeParameters()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, name);
        QFETCH(QString, value);
        const Interpretation in = understand(prompt);
        QVERIFY2(in.understood(), qPrintable(prompt));
        QCOMPARE(setting(in, name), value);
        QVERIFY2(in.ignoredWords.isEmpty(), qPrintable(in.ignoredWords.join(u',')));
    }

    void valuesOutsideTheRangeAreClampedAndSaid()
    {
        const Interpretation in = understand(QStringLiteral("gear with 100 teeth"));
        QCOMPARE(setting(in, QStringLiteral("teeth")), QStringLiteral("24"));
        QCOMPARE(in.values.value(QStringLiteral("teeth")), 24.0);
        QCOMPARE(in.notes.value(0), QStringLiteral("Teeth: 100 is outside 6–24; drawn with 24."));
    }

    void operationComposesWithSubject()
    {
        Interpretation in = understand(QStringLiteral("chamfer the corner of a box"));
        QCOMPARE(in.summary(), QStringLiteral("chamfer · box"));
        QCOMPARE(in.operation->id, QStringLiteral("chamfer"));
        QCOMPARE(in.subject->id, QStringLiteral("box"));
        QCOMPARE(in.drawn->id, QStringLiteral("chamfer-edge")); // the case that draws the pair
        QCOMPARE(in.conceptIds(), (QStringList{QStringLiteral("chamfer"), QStringLiteral("box")}));

        in = understand(QStringLiteral("mirror a bolt"));
        QCOMPARE(in.drawn->id, QStringLiteral("mirror"));
        QCOMPARE(in.subject->id, QStringLiteral("bolt"));

        // The subject's own parameters come along: "polar array of 6 gears with 10 teeth".
        in = understand(QStringLiteral("polar array of 6 gears with 10 teeth"));
        QCOMPARE(in.values.value(QStringLiteral("count")), 6.0);
        QCOMPARE(in.subjectValues.value(QStringLiteral("teeth")), 10.0);

        // An operation that cannot be drawn on that subject says so and draws its usual subject.
        in = understand(QStringLiteral("unroll a gear"));
        QCOMPARE(in.drawn->id, QStringLiteral("unroll"));
        QVERIFY(!in.subject);
        QVERIFY(in.notes.value(0).contains(QStringLiteral("not drawn on a gear")));

        // Subject first, operation second.
        QCOMPARE(understand(QStringLiteral("box chamfer")).summary(), QStringLiteral("chamfer · box"));
    }

    void editingOperationsDrawTheirSolidAndSketchCases()
    {
        // Splitting a solid is a different picture from splitting a curve.
        Interpretation in = understand(QStringLiteral("split a box with a plane"));
        QCOMPARE(in.summary(), QStringLiteral("split · box"));
        QCOMPARE(in.drawn->id, QStringLiteral("split-solid"));
        // A fillet asked of a rounded rectangle is the rounded rectangle with that corner radius.
        in = understand(QStringLiteral("rounded rectangle with corner radius 3"));
        QCOMPARE(in.drawn->id, QStringLiteral("rounded-rectangle"));
        QCOMPARE(in.values.value(QStringLiteral("radius")), 3.0);
        // "hub hole" is the gear's bore, not the hole feature.
        in = understand(QStringLiteral("gear with twelve teeth and a hub hole"));
        QCOMPARE(in.conceptIds(), QStringList{QStringLiteral("gear")});
    }

    void qualifiersRefineTheConcept()
    {
        QCOMPARE(understand(QStringLiteral("array of bolts along a curve")).summary(),
                 QStringLiteral("array along curve · bolt"));
        QCOMPARE(understand(QStringLiteral("array around an axis")).summary(), QStringLiteral("polar array"));
        QCOMPARE(understand(QStringLiteral("sweep with two rails")).summary(),
                 QStringLiteral("sweep 2 rails"));
        QCOMPARE(setting(understand(QStringLiteral("closed curve")), QStringLiteral("closed")),
                 QStringLiteral("true"));
    }

    void ignoredWordsAreReported()
    {
        const Interpretation in = understand(QStringLiteral("a shiny gear for my bicycle"));
        QCOMPARE(in.summary(), QStringLiteral("gear"));
        QCOMPARE(in.ignoredWords, (QStringList{QStringLiteral("shiny"), QStringLiteral("bicycle")}));
        // Another tool named in the same prompt is mentioned, not silently dropped.
        const Interpretation two = understand(QStringLiteral("fillet and loft"));
        QVERIFY(!two.notes.isEmpty());
    }

    void nothingRecognisedGivesSuggestions()
    {
        Interpretation in = understand(QStringLiteral("a friendly cat"));
        QVERIFY(!in.understood());
        QVERIFY(!in.suggestions.isEmpty() && in.suggestions.size() <= 5);
        QCOMPARE(understand(QStringLiteral("chamfre")).suggestions.value(0), QStringLiteral("chamfer"));
        QCOMPARE(understand(QStringLiteral("gera")).suggestions.value(0), QStringLiteral("gear"));
        QVERIFY(understand(QStringLiteral("polar aray")).understood() ||
                understand(QStringLiteral("polar aray")).suggestions.contains(QStringLiteral("polar array")));
        QVERIFY(!understand(QString()).understood());
        QVERIFY(!understand(QStringLiteral("the of a")).understood());
        // Every suggestion is understood.
        for (const QString &s : understand(QStringLiteral("xyzzy")).suggestions)
            QVERIFY2(understand(s).understood(), qPrintable(s));
    }

    void deterministic()
    {
        for (const QString &prompt : {QStringLiteral("polar array of 6 gears"), QStringLiteral("chamfre"),
                                      QStringLiteral("gear with eight teeth and a teapot")}) {
            const QJsonObject a = understand(prompt).toJson();
            for (int i = 0; i < 5; ++i)
                QCOMPARE(understand(prompt).toJson(), a);
        }
        QCOMPARE(understand(QStringLiteral("  GEAR   with  EIGHT teeth ")).toJson(),
                 understand(QStringLiteral("gear with eight teeth")).toJson());
    }

    void interpretationJson()
    {
        const QJsonObject o = understand(QStringLiteral("gear with eight teeth and a teapot")).toJson();
        QCOMPARE(o.value("summary").toString(), QStringLiteral("gear"));
        QCOMPARE(o.value("concepts").toArray().size(), 1);
        QCOMPARE(o.value("concepts").toArray()[0].toObject().value("role").toString(),
                 QStringLiteral("subject"));
        const QJsonObject teeth = o.value("parameters").toArray()[0].toObject();
        QCOMPARE(teeth.value("concept").toString(), QStringLiteral("gear"));
        QCOMPARE(teeth.value("label").toString(), QStringLiteral("Teeth"));
        QCOMPARE(teeth.value("value").toInt(), 8);
        QCOMPARE(o.value("ignoredWords").toArray(), QJsonArray{QStringLiteral("teapot")});
        QVERIFY(!o.contains("notes"));
    }
};

QTEST_MAIN(TestPromptInterpreter)
#include "tst_promptinterpreter.moc"
