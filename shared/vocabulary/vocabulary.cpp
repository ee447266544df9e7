#include "vocabulary/vocabulary.h"

#include "vocabulary/prompttokens.h"
#include "vocabulary/recipecompiler.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cmath>
#include <functional>

Q_LOGGING_CATEGORY(lcVocabulary, "parametric.vocabulary")

namespace vocab {

QJsonValue parameterJson(const ParameterDef &p, double v)
{
    switch (p.type) {
    case ParameterDef::Type::Bool:
        return v != 0;
    case ParameterDef::Type::Choice:
        return p.choices.value(int(v));
    case ParameterDef::Type::Int:
        return qint64(std::llround(v));
    case ParameterDef::Type::Number:
        break;
    }
    return std::round(v * 1000.0) / 1000.0;
}

const ParameterDef *Concept::parameter(const QString &name) const
{
    for (const ParameterDef &p : parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

namespace {

// Every concept a program draws through "use", in nested programs too.
void collectUses(const Program &program, QStringList &out);

void collectUses(const Template &t, QStringList &out)
{
    if (t.kind == Template::Kind::Program && t.program)
        collectUses(*t.program, out);
    for (const Template &c : t.children)
        collectUses(c, out);
}

void collectUses(const Program &program, QStringList &out)
{
    for (const Step &s : program.steps) {
        if (s.kind == Step::Kind::Use)
            out << s.target;
        if (s.kind == Step::Kind::Element)
            collectUses(s.element, out);
        if (s.body)
            collectUses(*s.body, out);
        if (s.otherwise)
            collectUses(*s.otherwise, out);
    }
}

} // namespace

const Vocabulary &Vocabulary::builtin()
{
    static const std::unique_ptr<Vocabulary> instance = [] {
        QList<std::pair<QString, QByteArray>> files;
        const QDir dir(QStringLiteral(":/vocabulary/concepts"));
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                files.append({name, f.readAll()});
        }
        QFile language(QStringLiteral(":/vocabulary/language.json"));
        language.open(QIODevice::ReadOnly);
        auto v = fromFiles(files, language.readAll());
        for (const QString &e : v->errors())
            qCCritical(lcVocabulary).noquote() << "vocabulary:" << e;
        return v;
    }();
    return *instance;
}

std::unique_ptr<Vocabulary> Vocabulary::fromFiles(const QList<std::pair<QString, QByteArray>> &conceptFiles,
                                                  const QByteArray &language)
{
    auto v = std::unique_ptr<Vocabulary>(new Vocabulary);
    v->compileLanguage(language);
    for (const auto &[name, json] : conceptFiles)
        v->compileFile(name, json);
    // Listed by category in the language's order, then as written.
    const QStringList &order = v->m_language.categories;
    std::stable_sort(v->m_concepts.begin(), v->m_concepts.end(), [&](const Concept &a, const Concept &b) {
        const qsizetype ia = order.indexOf(a.category), ib = order.indexOf(b.category);
        return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
    });
    v->m_index.clear();
    for (qsizetype i = 0; i < v->m_concepts.size(); ++i)
        v->m_index.insert(v->m_concepts.at(i).id, i);
    for (const Concept &c : std::as_const(v->m_concepts)) {
        if (!order.contains(c.category))
            v->m_errors << QStringLiteral("%1 (%2): the category \"%3\" is not listed in language.json")
                               .arg(c.id, c.file, c.category);
    }
    v->check();
    return v;
}

const Concept *Vocabulary::find(const QString &id) const
{
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_concepts.at(*it);
}

QStringList Vocabulary::ids() const
{
    QStringList out;
    for (const Concept &c : m_concepts)
        out << c.id;
    return out;
}

void Vocabulary::compileLanguage(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError) {
        m_errors << QStringLiteral("language.json: %1 at %2").arg(error.errorString()).arg(error.offset);
        return;
    }
    m_version = o.value(QLatin1String("vocabularyVersion")).toInt();
    for (const QJsonValue &w : o.value(QLatin1String("fillers")).toArray())
        m_language.fillers << w.toString();
    for (const QJsonValue &w : o.value(QLatin1String("generic")).toArray())
        m_language.generic << w.toString();
    const QJsonObject abbreviations = o.value(QLatin1String("abbreviations")).toObject();
    for (auto it = abbreviations.begin(); it != abbreviations.end(); ++it)
        m_language.abbreviations.insert(it.key(), it.value().toString());
    const QJsonObject irregular = o.value(QLatin1String("irregular")).toObject();
    for (auto it = irregular.begin(); it != irregular.end(); ++it)
        m_language.irregular.insert(it.key(), it.value().toString());
    const QJsonObject prefixes = o.value(QLatin1String("prefixes")).toObject();
    for (auto it = prefixes.begin(); it != prefixes.end(); ++it)
        m_language.prefixes.insert(it.key(), it.value().toString());
    for (const QJsonValue &w : o.value(QLatin1String("examples")).toArray())
        m_language.examples << w.toString();
    for (const QJsonValue &w : o.value(QLatin1String("categories")).toArray())
        m_language.categories << w.toString();
    for (const QJsonValue &q : o.value(QLatin1String("qualifiers")).toArray()) {
        Language::Qualifier qualifier;
        qualifier.id = q.toObject().value(QLatin1String("id")).toString();
        for (const QJsonValue &w : q.toObject().value(QLatin1String("words")).toArray())
            qualifier.phrases << w.toString();
        m_language.qualifiers << qualifier;
    }
}

void Vocabulary::compileFile(const QString &name, const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        m_errors << QStringLiteral("%1: %2 at offset %3").arg(name, error.errorString()).arg(error.offset);
        return;
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String("parametric-icons/vocabulary") ||
        o.value(QLatin1String("version")).toInt() != 1) {
        m_errors << QStringLiteral("%1: needs \"format\": \"parametric-icons/vocabulary\", \"version\": 1")
                        .arg(name);
        return;
    }
    const QString category = o.value(QLatin1String("category")).toString();
    if (category.isEmpty())
        m_errors << QStringLiteral("%1: needs a \"category\"").arg(name);
    RecipeCompiler compiler(m_errors, name);
    for (const QJsonValue &c : o.value(QLatin1String("concepts")).toArray()) {
        auto compiled = compiler.compile(c.toObject(), category);
        if (!compiled)
            continue;
        if (m_index.contains(compiled->id)) {
            m_errors << QStringLiteral("%1 (%2): the id is already used in %3")
                            .arg(compiled->id, name, m_concepts.at(m_index.value(compiled->id)).file);
            continue;
        }
        m_index.insert(compiled->id, m_concepts.size());
        m_concepts << std::move(*compiled);
    }
}

void Vocabulary::check()
{
    QStringList qualifierIds;
    for (const Language::Qualifier &q : std::as_const(m_language.qualifiers))
        qualifierIds << q.id;
    QHash<QString, QStringList> uses;
    for (const Concept &c : std::as_const(m_concepts)) {
        const QString where = QStringLiteral("%1 (%2)").arg(c.id, c.file);
        QStringList targets;
        for (const Variant &v : c.variants)
            collectUses(*v.draw, targets);
        targets.removeDuplicates();
        for (const QString &t : std::as_const(targets)) {
            if (t == QLatin1String("subject")) {
                if (c.role != Concept::Role::Operation)
                    m_errors << where + QStringLiteral(": only an operation can \"use\": \"subject\"");
            } else if (!m_index.contains(t)) {
                m_errors << where + QStringLiteral(": uses the unknown concept \"%1\"").arg(t);
            }
        }
        targets.removeAll(QStringLiteral("subject"));
        uses.insert(c.id, targets);
        if (c.role == Concept::Role::Operation) {
            const Concept *subject = find(c.defaultSubject);
            if (!subject)
                m_errors << where + QStringLiteral(": the default subject \"%1\" is unknown")
                                        .arg(c.defaultSubject);
            else if (subject->role != Concept::Role::Subject)
                m_errors << where + QStringLiteral(": the default subject \"%1\" is an operation")
                                        .arg(c.defaultSubject);
        }
        for (auto it = c.cases.begin(); it != c.cases.end(); ++it) {
            if (!m_index.contains(it.value()))
                m_errors << where + QStringLiteral(": case \"%1\" draws the unknown concept \"%2\"")
                                        .arg(it.key(), it.value());
        }
        for (auto it = c.refines.begin(); it != c.refines.end(); ++it) {
            if (!qualifierIds.contains(it.key()))
                m_errors << where +
                                QStringLiteral(": refine names the unknown qualifier \"%1\"").arg(it.key());
            if (!m_index.contains(it.value()))
                m_errors
                    << where + QStringLiteral(": refine leads to the unknown concept \"%1\"").arg(it.value());
        }
    }
    // One phrase, one concept: two concepts answering to the same words (after fillers and plurals are
    // taken out: "length between" is "length") would make the choice between them arbitrary.
    const Tokenizer tokenizer(m_language);
    QHash<QString, QString> phraseOwner;
    for (const Concept &c : std::as_const(m_concepts)) {
        for (const Phrase &p : c.words) {
            QStringList words;
            bool onlyNumbers = true;
            for (const Token &t : tokenizer.tokenize(p.text)) {
                if (!t.filler)
                    words << t.text;
                onlyNumbers = onlyNumbers && (t.filler || t.number);
            }
            if (onlyNumbers && !words.isEmpty()) {
                m_errors
                    << QStringLiteral("%1 (%2): the word \"%3\" is only a number").arg(c.id, c.file, p.text);
                continue;
            }
            const QString key = words.join(QLatin1Char(' '));
            if (key.isEmpty()) {
                m_errors
                    << QStringLiteral("%1 (%2): the word \"%3\" is only fillers").arg(c.id, c.file, p.text);
                continue;
            }
            const QString other = phraseOwner.value(key);
            if (!other.isEmpty() && other != c.id)
                m_errors << QStringLiteral("%1 (%2): \"%3\" is also a word of %4")
                                .arg(c.id, c.file, p.text, other);
            phraseOwner.insert(key, c.id);
        }
    }
    // A concept that uses itself, directly or through others, would never finish drawing.
    QHash<QString, int> state; // 0 unseen, 1 on the path, 2 done
    std::function<bool(const QString &, QStringList &)> visit = [&](const QString &id, QStringList &path) {
        if (state.value(id) == 2)
            return false;
        if (state.value(id) == 1) {
            path << id;
            return true;
        }
        state[id] = 1;
        path << id;
        for (const QString &next : uses.value(id)) {
            if (visit(next, path))
                return true;
        }
        path.removeLast();
        state[id] = 2;
        return false;
    };
    for (const Concept &c : std::as_const(m_concepts)) {
        QStringList path;
        if (visit(c.id, path)) {
            m_errors << QStringLiteral("%1: concepts use each other in a circle: %2")
                            .arg(c.file, path.join(QStringLiteral(" → ")));
            break;
        }
    }
}

} // namespace vocab
