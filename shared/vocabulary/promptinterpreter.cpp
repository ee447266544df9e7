#include "vocabulary/promptinterpreter.h"

#include "vocabulary/scenebuilder.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace vocab {

namespace {

QString displayValue(const ParameterDef &p, double v)
{
    switch (p.type) {
    case ParameterDef::Type::Bool:
        return v != 0 ? QStringLiteral("true") : QStringLiteral("false");
    case ParameterDef::Type::Choice:
        return p.choices.value(int(v));
    case ParameterDef::Type::Int:
        return QString::number(qint64(std::llround(v)));
    case ParameterDef::Type::Number:
        break;
    }
    return QString::number(v, 'g', 6);
}

bool accepts(const Concept &op, const Concept &subject)
{
    if (op.accepts.contains(QLatin1String("any")) || op.accepts.contains(subject.id))
        return true;
    for (const QString &tag : subject.tags) {
        if (op.accepts.contains(tag))
            return true;
    }
    return false;
}

QString caseFor(const Concept &op, const Concept &subject)
{
    if (op.cases.contains(subject.id))
        return op.cases.value(subject.id);
    for (const QString &tag : subject.tags) {
        if (op.cases.contains(tag))
            return op.cases.value(tag);
    }
    return {};
}

} // namespace

QString Interpretation::summary() const
{
    QStringList parts;
    if (operation)
        parts << operation->name.toLower();
    if (subject)
        parts << subject->name.toLower();
    if (parts.isEmpty() && drawn)
        parts << drawn->name.toLower();
    return parts.join(QStringLiteral(" · "));
}

QStringList Interpretation::conceptIds() const
{
    QStringList ids;
    if (operation)
        ids << operation->id;
    if (subject)
        ids << subject->id;
    if (ids.isEmpty() && drawn)
        ids << drawn->id;
    return ids;
}

QJsonObject Interpretation::toJson() const
{
    QJsonArray concepts;
    const auto add = [&](const Concept *c, const QString &role) {
        concepts.append(QJsonObject{{QStringLiteral("id"), c->id},
                                    {QStringLiteral("name"), c->name},
                                    {QStringLiteral("role"), role}});
    };
    if (operation)
        add(operation, QStringLiteral("operation"));
    if (subject)
        add(subject, QStringLiteral("subject"));
    if (!operation && !subject && drawn)
        add(drawn, QStringLiteral("subject"));
    QJsonArray parameters;
    for (const Setting &s : settings) {
        parameters.append(QJsonObject{{QStringLiteral("concept"), s.conceptId},
                                      {QStringLiteral("name"), s.name},
                                      {QStringLiteral("label"), s.label},
                                      {QStringLiteral("value"), s.json}});
    }
    QJsonObject o{{QStringLiteral("summary"), summary()},
                  {QStringLiteral("concepts"), concepts},
                  {QStringLiteral("parameters"), parameters},
                  {QStringLiteral("ignoredWords"), QJsonArray::fromStringList(ignoredWords)}};
    if (!notes.isEmpty())
        o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return o;
}

PromptInterpreter::PromptInterpreter(const Vocabulary &vocabulary)
    : m_vocabulary(vocabulary)
    , m_tokenizer(vocabulary.language())
{
    // Index every phrase, tokenised exactly as prompts are.
    for (const Concept &c : vocabulary.concepts()) {
        for (const Phrase &p : c.words) {
            Entry e;
            e.kind = Entry::Kind::Concept;
            e.owner = &c;
            e.phrase = &p;
            addPhrase(e, p.text);
        }
        for (const QString &r : c.related) {
            Entry e;
            e.kind = Entry::Kind::Related;
            e.owner = &c;
            addPhrase(e, r);
        }
        for (const ParameterDef &p : c.parameters) {
            for (const QString &w : p.words) {
                Entry e;
                e.kind = Entry::Kind::ParameterWord;
                e.owner = &c;
                e.parameter = p.name;
                if (w == QLatin1String("@subject"))
                    e.countsSubject = true;
                else if (w == QLatin1String("@self"))
                    e.countsSelf = true;
                if (e.countsSubject || e.countsSelf) {
                    m_entries << e; // matched by position, not by words
                    continue;
                }
                addPhrase(e, w);
            }
            for (auto it = p.valueWords.begin(); it != p.valueWords.end(); ++it) {
                for (const QString &w : it.value()) {
                    Entry e;
                    e.kind = Entry::Kind::ValueWord;
                    e.owner = &c;
                    e.parameter = p.name;
                    e.value = it.key();
                    addPhrase(e, w);
                }
            }
        }
    }
    for (const Language::Qualifier &q : vocabulary.language().qualifiers) {
        for (const QString &w : q.phrases) {
            Entry e;
            e.kind = Entry::Kind::Qualifier;
            e.qualifier = q.id;
            addPhrase(e, w);
        }
    }
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (!m_entries.at(i).tokens.isEmpty())
            m_byFirstToken[m_entries.at(i).tokens.first()].append(int(i));
    }
}

void PromptInterpreter::addPhrase(Entry entry, const QString &text)
{
    for (const Token &t : m_tokenizer.tokenize(text)) {
        if (!t.filler)
            entry.tokens << t.text;
    }
    if (entry.tokens.isEmpty())
        return;
    for (const QString &t : std::as_const(entry.tokens))
        m_known.insert(t);
    m_entries << entry;
}

QList<PromptInterpreter::Match> PromptInterpreter::matchesAt(const QList<Token> &seq, int start) const
{
    QList<Match> out;
    for (int index : m_byFirstToken.value(seq.at(start).text)) {
        const Entry &e = m_entries.at(index);
        if (start + e.tokens.size() > seq.size())
            continue;
        bool all = true;
        for (qsizetype k = 0; k < e.tokens.size() && all; ++k)
            all = seq.at(start + k).text == e.tokens.at(k);
        if (all)
            out.append({start, int(e.tokens.size()), &e});
    }
    return out;
}

Interpretation PromptInterpreter::interpret(const QString &prompt) const
{
    Interpretation result;
    const QList<Token> all = m_tokenizer.tokenize(prompt, &m_known);
    QList<Token> seq; // the words that carry meaning
    for (const Token &t : all) {
        if (!t.filler)
            seq << t;
    }
    const int n = int(seq.size());

    // 1. Every phrase that matches somewhere; then the longest, most specific ones win their words.
    QList<Match> candidates;
    for (int i = 0; i < n; ++i)
        candidates << matchesAt(seq, i);
    const auto priority = [](const Match &m) {
        switch (m.entry->kind) {
        case Entry::Kind::Concept:
            return m.entry->phrase->weak ? 4 : 0;
        case Entry::Kind::Qualifier:
            return 1;
        case Entry::Kind::ValueWord:
            return 2;
        case Entry::Kind::ParameterWord:
            return 3;
        case Entry::Kind::Related:
            return 5;
        }
        return 6;
    };
    QList<Match> order = candidates;
    std::stable_sort(order.begin(), order.end(), [&](const Match &a, const Match &b) {
        if (a.length != b.length)
            return a.length > b.length;
        if (priority(a) != priority(b))
            return priority(a) < priority(b);
        return a.start < b.start;
    });
    QList<const Match *> owner(n, nullptr);
    QList<Match> chosen;
    for (const Match &m : std::as_const(order)) {
        bool free = true;
        for (int k = m.start; k < m.start + m.length && free; ++k)
            free = owner.at(k) == nullptr;
        if (!free)
            continue;
        chosen << m;
        for (int k = m.start; k < m.start + m.length; ++k)
            owner[k] = &m;
    }
    std::sort(chosen.begin(), chosen.end(), [](const Match &a, const Match &b) { return a.start < b.start; });

    // 2. The operation and the subject.
    const Match *op = nullptr, *subject = nullptr;
    const auto better = [](const Match *a, const Match &b) {
        if (!a)
            return true;
        const bool weakA = a->entry->phrase->weak, weakB = b.entry->phrase->weak;
        if (weakA != weakB)
            return weakA;
        return b.length > a->length;
    };
    for (const Match &m : std::as_const(chosen)) {
        if (m.entry->kind != Entry::Kind::Concept)
            continue;
        if (m.entry->owner->role == Concept::Role::Operation) {
            if (better(op, m))
                op = &m;
        } else if (better(subject, m)) {
            subject = &m;
        }
    }
    if (!op && !subject) {
        result.suggestions = suggest(prompt);
        return result;
    }
    result.operation = op ? op->entry->owner : nullptr;
    result.subject = subject ? subject->entry->owner : nullptr;
    QStringList qualifiers;
    for (const Match &m : std::as_const(chosen)) {
        if (m.entry->kind == Entry::Kind::Qualifier)
            qualifiers << m.entry->qualifier;
    }
    QSet<const Match *> used;
    if (op)
        used.insert(op);
    if (subject)
        used.insert(subject);
    // Qualifiers may lead to a more specific concept ("array" + "along a curve" → array along a curve).
    const auto refine = [&](const Concept *c) {
        for (const Match &m : std::as_const(chosen)) {
            if (m.entry->kind == Entry::Kind::Qualifier && c->refines.contains(m.entry->qualifier)) {
                if (const Concept *r = m_vocabulary.find(c->refines.value(m.entry->qualifier))) {
                    used.insert(&m);
                    return r;
                }
            }
        }
        return c;
    };
    if (result.operation)
        result.operation = refine(result.operation);
    if (result.subject)
        result.subject = refine(result.subject);

    // What draws: the operation on the subject, a case that draws the pair, or the subject alone.
    if (result.operation && result.subject) {
        const QString special = caseFor(*result.operation, *result.subject);
        if (!special.isEmpty()) {
            result.drawn = m_vocabulary.find(special);
        } else if (accepts(*result.operation, *result.subject)) {
            result.drawn = result.operation;
        } else {
            result.notes << QStringLiteral("%1 is not drawn on a %2; showing %1 on its usual subject.")
                                .arg(result.operation->name, result.subject->name.toLower());
            result.drawn = result.operation;
            result.subject = nullptr;
        }
    } else {
        result.drawn = result.operation ? result.operation : result.subject;
    }
    const Concept *drawn = result.drawn;
    const auto relevant = [&](const Concept *c) {
        return c == result.operation || c == result.subject || c == drawn || (op && c == op->entry->owner) ||
               (subject && c == subject->entry->owner);
    };
    // Values by concept: set on the asked concepts; carried to the drawing concept by name.
    QHash<const Concept *, QHash<QString, double>> values;
    QList<std::tuple<const Concept *, QString, double>> order2;
    const auto set = [&](const Concept *c, const QString &name, double value) {
        const ParameterDef *p = c->parameter(name);
        if (!p)
            return;
        const double clamped = SceneBuilder::clampValue(*p, value);
        if (clamped != value && p->type != ParameterDef::Type::Bool && p->type != ParameterDef::Type::Choice)
            result.notes << QStringLiteral("%1: %2 is outside %3–%4; drawn with %5.")
                                .arg(p->label, QString::number(value), QString::number(p->min),
                                     QString::number(p->max), displayValue(*p, clamped));
        values[c].insert(name, clamped);
        order2.append({c, name, clamped});
    };
    // Words that set values ("hexagon" → sides 6).
    for (const Match *m : {op, subject}) {
        if (!m)
            continue;
        for (const auto &[name, v] : m->entry->phrase->sets) {
            const ParameterDef *p = m->entry->owner->parameter(name);
            if (!p)
                continue;
            double value = v.toDouble();
            if (p->type == ParameterDef::Type::Choice)
                value = double(p->choices.indexOf(v.toString()));
            else if (v.typeId() == QMetaType::Bool)
                value = v.toBool() ? 1 : 0;
            set(m->entry->owner, name, value);
        }
    }
    // 3. Qualifier words and parameter words of the chosen concepts; then numbers.
    QList<bool> understood(n, false);
    for (Match &m : chosen) {
        const Entry &e = *m.entry;
        bool ok = used.contains(&m);
        if (e.kind == Entry::Kind::ValueWord && relevant(e.owner)) {
            const ParameterDef *p = e.owner->parameter(e.parameter);
            set(e.owner, e.parameter,
                p->type == ParameterDef::Type::Bool ? (e.value == QLatin1String("true") ? 1 : 0)
                                                    : double(p->choices.indexOf(e.value)));
            ok = true;
        } else if ((e.kind == Entry::Kind::ParameterWord || e.kind == Entry::Kind::Related) &&
                   relevant(e.owner)) {
            ok = true;
        } else if (e.kind == Entry::Kind::Concept && (e.phrase->weak || relevant(e.owner))) {
            ok = true; // a generic verb, or another word for what is drawn
        } else if (!ok) {
            // Words that mean something else here: a parameter word of a chosen concept ("radius" of a
            // fillet), a value word, a related word.
            for (const Match &alt : std::as_const(candidates)) {
                if (alt.start < m.start || alt.start + alt.length > m.start + m.length ||
                    alt.entry == m.entry)
                    continue;
                if (!relevant(alt.entry->owner) || alt.entry->kind == Entry::Kind::Concept)
                    continue;
                if (alt.entry->kind == Entry::Kind::ValueWord) {
                    const ParameterDef *p = alt.entry->owner->parameter(alt.entry->parameter);
                    set(alt.entry->owner, alt.entry->parameter,
                        p->type == ParameterDef::Type::Bool
                            ? (alt.entry->value == QLatin1String("true") ? 1 : 0)
                            : double(p->choices.indexOf(alt.entry->value)));
                }
                m = alt;
                ok = true;
                break;
            }
            if (!ok && e.kind == Entry::Kind::Concept)
                result.notes << QStringLiteral("“%1” names another tool (%2); one drawing shows one tool.")
                                    .arg(seq.at(m.start).original, e.owner->name.toLower());
        }
        if (ok) {
            for (int k = m.start; k < m.start + m.length; ++k)
                understood[k] = true;
        }
    }
    // Numbers: next to a parameter word, before the subject ("6 gears") or their own concept ("5
    // points"), else the main parameter ("polygon 7").
    const auto matchAt = [&](int position) -> const Match * {
        for (const Match &m : std::as_const(chosen)) {
            if (m.start == position)
                return &m;
        }
        return nullptr;
    };
    const auto matchEndingAt = [&](int position) -> const Match * {
        for (const Match &m : std::as_const(chosen)) {
            if (m.start + m.length - 1 == position)
                return &m;
        }
        return nullptr;
    };
    const auto positional = [&](const Concept *owner, bool subjectCount) -> QString {
        for (const Entry &e : m_entries) {
            if (e.owner == owner && ((subjectCount && e.countsSubject) || (!subjectCount && e.countsSelf)))
                return e.parameter;
        }
        return {};
    };
    QList<int> loose;
    for (int i = 0; i < n; ++i) {
        if (!seq.at(i).number || owner.at(i))
            continue; // not a number, or part of a phrase ("3 point arc")
        const double v = *seq.at(i).number;

        const Match *next = matchAt(i + 1);
        const Match *prev = matchEndingAt(i - 1);
        bool bound = false;
        for (const Match *m : {next, prev}) {
            if (!bound && m && m->entry->kind == Entry::Kind::ParameterWord && relevant(m->entry->owner)) {
                set(m->entry->owner, m->entry->parameter, v);
                bound = true;
            }
        }
        if (!bound && next && next->entry->kind == Entry::Kind::Concept) {
            const Concept *c = next->entry->owner;
            QString p;
            if (next == subject && result.operation && !(p = positional(result.operation, true)).isEmpty())
                set(result.operation, p, v);
            else if (relevant(c) && !(p = positional(c, false)).isEmpty())
                set(c, p, v);
            bound = true; // "two curves": a count the drawing already shows
        } else if (!bound && next && understood.at(next->start)) {
            bound = true; // "two solids": a count of something understood
        }
        if (bound)
            understood[i] = true;
        else
            loose << i;
    }
    for (int i : std::as_const(loose)) {
        for (const Concept *c : {drawn, result.operation, result.subject}) {
            if (!c)
                continue;
            const auto it =
                std::find_if(c->parameters.begin(), c->parameters.end(), [&](const ParameterDef &p) {
                    return p.implicit && !values.value(c).contains(p.name);
                });
            if (it != c->parameters.end()) {
                set(c, it->name, *seq.at(i).number);
                understood[i] = true;
                break;
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        if (!understood.at(i) && !seq.at(i).generic && !result.ignoredWords.contains(seq.at(i).original))
            result.ignoredWords << seq.at(i).original;
    }

    // 4. Values for the drawing: its own, then those asked of the operation (by name) when a case
    // draws the pair; the subject's for the subject.
    for (const auto &[c, name, v] : std::as_const(order2)) {
        const ParameterDef *p = c->parameter(name);
        if (c == drawn || (c == result.operation && drawn->parameter(name))) {
            if (drawn->parameter(name))
                result.values.insert(name, v);
        } else if (c == result.subject || (subject && c == subject->entry->owner)) {
            if (drawn == c)
                result.values.insert(name, v);
            else
                result.subjectValues.insert(name, v);
        }
        bool replaced = false;
        for (Interpretation::Setting &s : result.settings) {
            if (s.conceptId == c->id && s.name == name) {
                s.value = v;
                s.display = displayValue(*p, v);
                s.json = parameterJson(*p, v);
                replaced = true;
            }
        }
        if (!replaced)
            result.settings.append({c->id, name, p->label, v, displayValue(*p, v), parameterJson(*p, v)});
    }
    result.notes.removeDuplicates();
    return result;
}

QStringList PromptInterpreter::suggest(const QString &prompt, int max) const
{
    const QList<Token> tokens = m_tokenizer.tokenize(prompt, &m_known);
    QHash<const Concept *, double> score;
    QHash<const Concept *, bool> shortOnly;
    for (const Token &t : tokens) {
        if (t.filler || t.number || t.text.size() < 3)
            continue;
        for (const Entry &e : m_entries) {
            if (!e.owner || (e.kind != Entry::Kind::Concept && e.kind != Entry::Kind::ParameterWord))
                continue;
            for (const QString &w : e.tokens) {
                double sim =
                    1.0 - double(editDistance(t.text, w)) / double(std::max(t.text.size(), w.size()));
                if (std::min(t.text.size(), w.size()) >= 4 && (w.startsWith(t.text) || t.text.startsWith(w)))
                    sim = std::max(sim, 0.75);
                if (e.kind == Entry::Kind::ParameterWord)
                    sim -= 0.1;
                if (sim > score.value(e.owner)) {
                    score.insert(e.owner, sim);
                    shortOnly.insert(e.owner, t.text.size() < 5);
                }
            }
        }
    }
    QList<const Concept *> ranked;
    for (const Concept &c : m_vocabulary.concepts()) {
        if (score.value(&c) >= 0.6)
            ranked << &c;
    }
    // A short word one letter away from another ("cat" / "cut") is no evidence; long ones are.
    ranked.removeIf([&](const Concept *c) { return score.value(c) < 0.75 && shortOnly.value(c); });
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const Concept *a, const Concept *b) { return score.value(a) > score.value(b); });
    QStringList out;
    for (const Concept *c : std::as_const(ranked)) {
        if (out.size() >= max)
            break;
        const QString word = c->words.first().text;
        if (!out.contains(word))
            out << word;
    }
    if (out.isEmpty()) {
        // Nothing alike: a few things the generator draws well, to show what it knows.
        for (const QString &id : m_vocabulary.language().examples) {
            if (out.size() >= max)
                break;
            out << id;
        }
    }
    return out;
}

} // namespace vocab
