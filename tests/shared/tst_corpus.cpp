// The prompt corpus (tests/data/prompt-corpus*.tsv): hundreds of prompts from real CAD command lists,
// phrased as users type them, each with the concepts it should be understood as. Reports the
// understood and the understood-and-correct ratios and the misses (what stage 2 of the vocabulary should
// add), and holds: the correct ratio does not fall below what the vocabulary reaches, every understood
// icon passes the design check, distinct interpretations draw distinct pictures, answers are
// deterministic.
#include "icons/designcheck.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

using namespace vocab;

namespace {

// Raise this as the vocabulary grows (stage 2 aims at 0.90). It is the floor, not the target: the test
// prints the figure reached.
constexpr double kMinimumCorrectRatio = 0.93;

struct Entry
{
    QString prompt;
    QStringList expected;
    QString source;
};

// Every tests/data/prompt-corpus*.tsv: one file per contributor of prompts, so they merge without conflict.
QList<Entry> readCorpus()
{
    QList<Entry> out;
    const QDir dir(QStringLiteral(CORPUS_DIR));
    for (const QString &name :
         dir.entryList({QStringLiteral("prompt-corpus*.tsv")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &raw : file.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.trimmed().isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList cells = line.split(u'\t');
            if (cells.size() != 3)
                continue;
            out.append({cells.at(0), cells.at(1).split(u' ', Qt::SkipEmptyParts), cells.at(2)});
        }
    }
    return out;
}

} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus()
    {
        const QList<Entry> entries = readCorpus();
        QVERIFY2(entries.size() >= 300,
                 qPrintable(QStringLiteral("the corpus holds %1 prompts").arg(entries.size())));
        const IconEngine &engine = IconEngine::builtin();
        const Vocabulary &vocabulary = engine.vocabulary();

        int understood = 0, correct = 0;
        QMap<QString, QStringList> misses; // by category of the expected concept ("planned" when unknown)
        QMap<QString, int> plannedWanted;  // planned ids and how many prompts ask for them
        QHash<QString, QString> pictureOf; // interpretation key → first variant's SVG
        QHash<QString, QString> keyOfPicture;
        QSet<QString> sources;
        for (const Entry &e : entries) {
            sources.insert(e.source);
            const Interpretation in = engine.interpreter().interpret(e.prompt);
            // Deterministic: the same prompt, the same interpretation.
            QCOMPARE(engine.interpreter().interpret(e.prompt).toJson(), in.toJson());
            const QStringList got = in.conceptIds();
            bool ok = in.understood();
            for (const QString &id : e.expected)
                ok = ok && got.contains(id);
            understood += in.understood();
            correct += ok;
            if (!ok) {
                const Concept *wanted = vocabulary.find(e.expected.value(0));
                const QString category = wanted ? wanted->category : QStringLiteral("planned");
                if (!wanted)
                    ++plannedWanted[e.expected.value(0)];
                misses[category] << QStringLiteral("%1 [%2] → %3")
                                        .arg(e.prompt, e.expected.join(u' '),
                                             in.understood() ? in.summary()
                                                             : QStringLiteral("not understood"));
            }
            if (!in.understood())
                continue;
            // Every understood icon passes the design check (three variants).
            const EngineResult result =
                engine.generate(e.prompt, 3, ColorMode::Dark, QStringLiteral("corpus"));
            QVERIFY2(result.errors.isEmpty(),
                     qPrintable(e.prompt + QStringLiteral(": ") + result.errors.join(u';')));
            QCOMPARE(result.variants.size(), 3);
            for (const EngineVariant &v : result.variants) {
                const DesignReport report = checkIconDesign(v.svg, v.scene.toolType);
                QVERIFY2(report.passes(),
                         qPrintable(e.prompt + QStringLiteral(": ") + report.warnings.join(u';')));
            }
            QCOMPARE(
                engine.generate(e.prompt, 1, ColorMode::Dark, QStringLiteral("corpus")).variants.at(0).svg,
                result.variants.at(0).svg);
            // Distinct interpretations draw distinct pictures. An interpretation here is what draws, with all
            // its values ("hexagon" is a polygon of 6; a drawn subject's parameters are among the values).
            const QString key = QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("drawn"), in.drawn->id},
                                          {QStringLiteral("values"),
                                           result.variants.at(0).sceneJson.value(QLatin1String("values"))}})
                    .toJson(QJsonDocument::Compact));
            const QString svg = result.variants.at(0).svg;
            QVERIFY2(!keyOfPicture.contains(svg) || keyOfPicture.value(svg) == key,
                     qPrintable(e.prompt + QStringLiteral(": ") + key +
                                QStringLiteral(" draws the same picture as ") + keyOfPicture.value(svg)));
            keyOfPicture.insert(svg, key);
        }
        for (const char *source : {"Rhino", "FreeCAD", "Grasshopper", "AutoCAD", "Fusion", "Onshape",
                                   "SketchUp", "Blender", "phrase", "sentence"})
            QVERIFY2(sources.contains(QString::fromLatin1(source)), source);

        const double understoodRatio = double(understood) / entries.size();
        const double correctRatio = double(correct) / entries.size();
        qInfo("corpus: %lld prompts, understood %d (%.1f %%), understood and correct %d (%.1f %%)",
              qlonglong(entries.size()), understood, 100 * understoodRatio, correct, 100 * correctRatio);
        for (auto it = misses.begin(); it != misses.end(); ++it) {
            qInfo("misses in %s (%lld):", qPrintable(it.key()), qlonglong(it.value().size()));
            for (const QString &m : it.value())
                qInfo("  %s", qPrintable(m));
        }
        QStringList planned;
        for (auto it = plannedWanted.begin(); it != plannedWanted.end(); ++it)
            planned << QStringLiteral("%1 (%2)").arg(it.key()).arg(it.value());
        qInfo("planned concepts the corpus asks for: %s", qPrintable(planned.join(QStringLiteral(", "))));
        QVERIFY2(correctRatio >= kMinimumCorrectRatio,
                 qPrintable(QStringLiteral("%1 % understood and correct, below the floor of %2 %")
                                .arg(100 * correctRatio, 0, 'f', 1)
                                .arg(100 * kMinimumCorrectRatio, 0, 'f', 1)));
    }
};

QTEST_MAIN(TestCorpus)
#include "tst_corpus.moc"
