#include "vocabulary/prompttokens.h"

#include <QRegularExpression>

namespace vocab {

namespace {

struct NumberWord
{
    const char *word;
    int value;
};

constexpr NumberWord kUnits[] = {
    {"zero", 0},      {"one", 1},       {"two", 2},       {"three", 3},    {"four", 4},     {"five", 5},
    {"six", 6},       {"seven", 7},     {"eight", 8},     {"nine", 9},     {"ten", 10},     {"eleven", 11},
    {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"dozen", 12},    {"single", 1},   {"pair", 2},     {"couple", 2},
};
constexpr NumberWord kTens[] = {{"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fifty", 50},
                                {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90}};

std::optional<int> unitWord(const QString &w)
{
    for (const NumberWord &n : kUnits) {
        if (w == QLatin1String(n.word))
            return n.value;
    }
    return std::nullopt;
}

std::optional<int> tensWord(const QString &w)
{
    for (const NumberWord &n : kTens) {
        if (w == QLatin1String(n.word))
            return n.value;
    }
    return std::nullopt;
}

// "BooleanUnion" → "Boolean Union", "NURBSCurve" → "NURBS Curve", "Make2D" → "Make 2D".
QString splitCamel(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (i > 0) {
            const QChar p = text.at(i - 1);
            const bool next = i + 1 < text.size() && text.at(i + 1).isLower();
            if ((c.isUpper() && p.isLower()) || (c.isUpper() && p.isUpper() && next) ||
                (c.isDigit() && p.isLetter()))
                out += QLatin1Char(' ');
        }
        out += c;
    }
    return out;
}

} // namespace

QString Tokenizer::singular(const QString &w) const
{
    const auto irregular = m_language.irregular.find(w);
    if (irregular != m_language.irregular.end())
        return *irregular;
    if (w.size() <= 3)
        return w;
    if (w.endsWith(QLatin1String("ies")) && w.size() > 4)
        return w.chopped(3) + QLatin1Char('y');
    if (w.endsWith(QLatin1String("ss")) || w.endsWith(QLatin1String("us")) || w.endsWith(QLatin1String("is")))
        return w;
    if (w.endsWith(QLatin1String("ches")) || w.endsWith(QLatin1String("shes")) ||
        w.endsWith(QLatin1String("xes")) || w.endsWith(QLatin1String("sses")) ||
        w.endsWith(QLatin1String("zes")))
        return w.chopped(2);
    if (w.endsWith(QLatin1Char('s')))
        return w.chopped(1);
    return w;
}

QString Tokenizer::stem(const QString &w, const QSet<QString> &known) const
{
    if (known.contains(w) || w.size() < 5)
        return w;
    QStringList candidates;
    if (w.endsWith(QLatin1String("ing"))) {
        const QString base = w.chopped(3);
        candidates << base << base + QLatin1Char('e');
        if (base.size() > 2 && base.at(base.size() - 1) == base.at(base.size() - 2))
            candidates << base.chopped(1);
    } else if (w.endsWith(QLatin1String("ed"))) {
        const QString base = w.chopped(2);
        candidates << base << w.chopped(1);
        if (base.size() > 2 && base.at(base.size() - 1) == base.at(base.size() - 2))
            candidates << base.chopped(1);
    } else if (w.endsWith(QLatin1String("er")) || w.endsWith(QLatin1String("al"))) {
        candidates << w.chopped(2) << w.chopped(1); // "mirrorer"? rarely; "helical" → "helic"… harmless
    } else if (w.endsWith(QLatin1String("ion"))) {
        candidates << w.chopped(3) << w.chopped(3) + QLatin1Char('e'); // "rotation" → "rotate"
        if (w.endsWith(QLatin1String("tion")))
            candidates << w.chopped(3) + QLatin1Char('e');
    }
    for (const QString &c : std::as_const(candidates)) {
        if (known.contains(c))
            return c;
    }
    return w;
}

QList<Token> Tokenizer::tokenize(const QString &input, const QSet<QString> *known) const
{
    QString text = input.left(1000);
    // Workbench_Command (FreeCAD "PartDesign_Pad", "Part_Fillet"): the command, then what the workbench
    // adds to it ("3d" for Part: its fillet works on solid edges; "mesh" for Mesh).
    static const QRegularExpression workbench(QStringLiteral("^\\s*([A-Za-z]+)_([A-Za-z0-9_]+)\\s*$"));
    const auto wb = workbench.match(text);
    QString workbenchWords;
    if (wb.hasMatch() && m_language.prefixes.contains(wb.captured(1).toLower())) {
        text = wb.captured(2);
        workbenchWords = m_language.prefixes.value(wb.captured(1).toLower());
    }
    text = splitCamel(text).toLower();
    // Words and numbers; everything else separates.
    static const QRegularExpression word(QStringLiteral("[0-9]+(?:\\.[0-9]+)?|[\\p{L}]+"));
    QStringList raw;
    for (auto it = word.globalMatch(text); it.hasNext();)
        raw << it.next().captured(0);
    // Rejoin "3 d" into "3d" (split by the camelCase rule above, or typed so).
    QStringList words;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (i + 1 < raw.size() && raw.at(i).size() == 1 && raw.at(i).at(0).isDigit() &&
            raw.at(i + 1) == QLatin1String("d")) {
            words << raw.at(i) + QLatin1Char('d');
            ++i;
        } else {
            words << raw.at(i);
        }
    }
    const qsizetype commandWords = words.size();
    for (const QString &w : workbenchWords.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        words << w;
    QList<Token> out;
    for (qsizetype i = 0; i < words.size() && out.size() < 64; ++i) {
        const QString w = words.at(i);
        Token t;
        t.original = w;
        if (w.at(0).isDigit()) {
            bool ok = false;
            const double v = w.toDouble(&ok);
            t.text = w;
            if (ok && !w.endsWith(QLatin1Char('d')))
                t.number = v;
            out << t;
            continue;
        }
        if (const auto tens = tensWord(w)) {
            double value = *tens;
            if (i + 1 < words.size()) {
                if (const auto unit = unitWord(words.at(i + 1)); unit && *unit > 0 && *unit < 10) {
                    value += *unit;
                    t.original += QLatin1Char(' ') + words.at(i + 1);
                    ++i;
                }
            }
            t.text = QString::number(value);
            t.number = value;
            out << t;
            continue;
        }
        if (const auto unit = unitWord(w)) {
            t.text = QString::number(*unit);
            t.number = *unit;
            if (w == QLatin1String("one") || w == QLatin1String("single")) // "one" is as often a pronoun
                t.filler = true;
            out << t;
            continue;
        }
        if (w == QLatin1String("hundred") && !out.isEmpty() && out.last().number) {
            out.last().number = *out.last().number * 100;
            out.last().original += QLatin1String(" hundred");
            continue;
        }
        const auto abbreviation = m_language.abbreviations.find(w);
        if (abbreviation != m_language.abbreviations.end()) {
            const QStringList parts = abbreviation->split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const QString &p : parts) {
                Token part;
                part.original = w;
                part.text = p;
                out << part;
            }
            continue;
        }
        t.text = singular(w);
        if (known)
            t.text = stem(t.text, *known);
        t.filler = m_language.fillers.contains(t.text) || m_language.fillers.contains(w);
        t.generic =
            m_language.generic.contains(t.text) || m_language.generic.contains(w) || i >= commandWords;
        out << t;
    }
    return out;
}

int editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size(), m = b.size();
    if (n == 0 || m == 0)
        return int(std::max(n, m));
    QList<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        prev2 = prev;
        prev = cur;
    }
    return prev[m];
}

} // namespace vocab
