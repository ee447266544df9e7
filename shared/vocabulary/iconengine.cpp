#include "vocabulary/iconengine.h"

#include "scene/sceneedits.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "vocabulary/scenebuilder.h"

#include <QJsonArray>

#include <cmath>

namespace vocab {

namespace {

QJsonObject parameterSpec(const Concept &c, const ParameterDef &p)
{
    static const char *const types[] = {"int", "number", "bool", "choice"};
    QJsonObject o{{QStringLiteral("name"), c.id + QLatin1Char('.') + p.name},
                  {QStringLiteral("label"), p.label},
                  {QStringLiteral("type"), QLatin1String(types[int(p.type)])},
                  {QStringLiteral("default"), parameterJson(p, p.defaultValue)}};
    if (p.type == ParameterDef::Type::Int || p.type == ParameterDef::Type::Number) {
        o.insert(QStringLiteral("min"), p.min);
        o.insert(QStringLiteral("max"), p.max);
        o.insert(QStringLiteral("step"), p.step);
    }
    if (p.type == ParameterDef::Type::Choice)
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(p.choices));
    return o;
}

// A value as the scene stores it (int, number, bool, choice name) back to the engine's number.
std::optional<double> engineValue(const ParameterDef &p, const QVariant &v)
{
    switch (p.type) {
    case ParameterDef::Type::Bool:
        if (v.typeId() != QMetaType::Bool)
            return std::nullopt;
        return v.toBool() ? 1 : 0;
    case ParameterDef::Type::Choice: {
        const qsizetype i = p.choices.indexOf(v.toString());
        if (i < 0)
            return std::nullopt;
        return double(i);
    }
    case ParameterDef::Type::Int:
    case ParameterDef::Type::Number: {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d) || d < p.min || d > p.max)
            return std::nullopt;
        if (p.type == ParameterDef::Type::Int && d != std::floor(d))
            return std::nullopt;
        return d;
    }
    }
    return std::nullopt;
}

QString rangeText(const ParameterDef &p)
{
    switch (p.type) {
    case ParameterDef::Type::Bool:
        return QStringLiteral("true or false");
    case ParameterDef::Type::Choice:
        return QStringLiteral("one of ") + p.choices.join(QStringLiteral(", "));
    case ParameterDef::Type::Int:
        return QStringLiteral("a whole number from %1 to %2").arg(p.min).arg(p.max);
    case ParameterDef::Type::Number:
        break;
    }
    return QStringLiteral("a number from %1 to %2").arg(p.min).arg(p.max);
}

} // namespace

IconEngine::IconEngine(const Vocabulary &vocabulary)
    : m_interpreter(vocabulary)
{}

const IconEngine &IconEngine::builtin()
{
    static const IconEngine engine(Vocabulary::builtin());
    return engine;
}

std::optional<EngineVariant>
IconEngine::assemble(const Concept &drawn, const Concept *operation, const Concept *subject, int variant,
                     const QHash<QString, double> &values, const QHash<QString, double> &subjectValues,
                     const QStringList &conceptIds, const scene::SceneEdits &edits, QStringList *errors) const
{
    const Vocabulary &v = vocabulary();
    BuildInput input;
    input.owner = &drawn;
    input.subject = drawn.role == Concept::Role::Operation ? subject : nullptr;
    input.variant = variant;
    input.values = values;
    input.subjectValues = subjectValues;
    const BuildOutput built = SceneBuilder::build(v, input);
    if (!built.errors.isEmpty()) {
        if (errors)
            *errors << built.errors;
        return std::nullopt;
    }
    // The parameters a user may edit: the drawing concept's, then its subject's (asked or default).
    QJsonArray specs;
    QJsonObject typed;
    for (const ParameterDef &p : drawn.parameters) {
        specs.append(parameterSpec(drawn, p));
        typed.insert(drawn.id + QLatin1Char('.') + p.name,
                     parameterJson(p, built.values.value(p.name, p.defaultValue)));
    }
    const Concept *shownSubject = nullptr;
    if (drawn.role == Concept::Role::Operation)
        shownSubject = subject ? subject : v.find(drawn.defaultSubject);
    if (shownSubject && shownSubject != &drawn && built.subjectDrawn) {
        for (const ParameterDef &p : shownSubject->parameters) {
            specs.append(parameterSpec(*shownSubject, p));
            typed.insert(shownSubject->id + QLatin1Char('.') + p.name,
                         parameterJson(p, built.subjectValues.value(p.name, p.defaultValue)));
        }
    }
    const Variant &drawnVariant = drawn.variants.at(std::clamp(variant, 0, int(drawn.variants.size()) - 1));
    EngineVariant out;
    out.name = drawnVariant.name;
    if (subject && built.subjectDrawn)
        out.name += QStringLiteral(" · ") + subject->name;
    QJsonObject source{
        {QStringLiteral("engine"), QStringLiteral("builtin")},
        {QStringLiteral("vocabulary"), v.version()},
        {QStringLiteral("concepts"), QJsonArray::fromStringList(conceptIds)},
        {QStringLiteral("variant"), variant},
        {QStringLiteral("composition"), operation ? QStringLiteral("operation") : QStringLiteral("single")}};
    if (operation)
        source.insert(QStringLiteral("operation"), operation->id);
    // The subject that takes part in the drawing: the one asked for when the operation draws it (or a
    // case draws the pair), the operation's default when it draws that, none when the operation's own
    // depiction stands for it ("extrude a curve"). Building from the source again needs exactly this.
    const bool drawnByCase = operation && &drawn != operation;
    if (subject && (built.subjectDrawn || drawnByCase))
        source.insert(QStringLiteral("subject"), subject->id);
    else if (!subject && built.subjectDrawn && shownSubject)
        source.insert(QStringLiteral("subject"), shownSubject->id);
    else if (!operation)
        source.insert(QStringLiteral("subject"), drawn.id);
    if (!edits.isEmpty())
        source.insert(QStringLiteral("edits"), edits.toJson());
    out.sceneJson = QJsonObject{{QStringLiteral("format"), QString::fromLatin1(scene::formatName)},
                                {QStringLiteral("version"), scene::formatVersion},
                                {QStringLiteral("name"), out.name},
                                {QStringLiteral("toolType"), IconDesign::toolTypeName(drawn.toolType)},
                                {QStringLiteral("source"), source},
                                {QStringLiteral("elements"), scene::applyEdits(built.elements, edits)}};
    if (!specs.isEmpty()) {
        out.sceneJson.insert(QStringLiteral("parameters"), specs);
        out.sceneJson.insert(QStringLiteral("values"), typed);
    }
    scene::SceneParseResult parsed = scene::SceneParser::fromJson(out.sceneJson);
    if (!parsed.ok()) {
        if (errors) {
            for (const QString &m : parsed.messages())
                *errors << QStringLiteral("%1 variant %2: %3").arg(drawn.id).arg(variant).arg(m);
        }
        return std::nullopt;
    }
    out.scene = std::move(parsed.scene);
    return out;
}

std::optional<EngineVariant> IconEngine::build(const Interpretation &in, int variant,
                                               QStringList *errors) const
{
    if (!in.drawn)
        return std::nullopt;
    return assemble(*in.drawn, in.operation, in.subject, variant, in.values, in.subjectValues,
                    in.conceptIds(), {}, errors);
}

EngineResult IconEngine::generate(const QString &prompt, int variantCount, ColorMode mode,
                                  const QString &scopeSeed) const
{
    EngineResult result;
    result.interpretation = m_interpreter.interpret(prompt);
    if (!result.understood())
        return result;
    const int count = std::clamp(variantCount, 1, 3);
    for (int i = 0; i < count; ++i) {
        auto v = build(result.interpretation, i, &result.errors);
        if (!v)
            continue;
        const scene::RenderResult rendered =
            scene::SceneRenderer::render(v->scene, mode, scopeSeed + QLatin1Char(':') + QString::number(i));
        if (!rendered.ok()) {
            for (const scene::SceneError &e : rendered.errors)
                result.errors << QStringLiteral("%1 variant %2: %3")
                                     .arg(result.interpretation.drawn->id)
                                     .arg(i)
                                     .arg(e.toString());
            continue;
        }
        v->svg = rendered.svg;
        result.variants << std::move(*v);
    }
    return result;
}

std::optional<EngineVariant> IconEngine::instantiate(const scene::SceneSource &source,
                                                     const QVariantMap &values, QStringList *errors) const
{
    const Vocabulary &v = vocabulary();
    const auto fail = [&](const QString &message) {
        if (errors)
            *errors << message;
        return std::nullopt;
    };
    if (source.engine != QLatin1String("builtin"))
        return fail(QStringLiteral("The scene was not made by the built-in engine."));
    const Concept *operation = source.operation.isEmpty() ? nullptr : v.find(source.operation);
    const Concept *subject = source.subject.isEmpty() ? nullptr : v.find(source.subject);
    if ((!source.operation.isEmpty() && !operation) || (!source.subject.isEmpty() && !subject))
        return fail(QStringLiteral("The scene names a concept this vocabulary does not know."));
    // The same choice of drawing concept as for a prompt (a case may draw the pair).
    const Concept *drawn = operation ? operation : subject;
    if (!drawn)
        return fail(QStringLiteral("The scene names no concept."));
    if (operation && subject && operation != subject) {
        QString special = operation->cases.value(subject->id);
        for (const QString &tag : subject->tags) {
            if (special.isEmpty())
                special = operation->cases.value(tag);
        }
        if (!special.isEmpty())
            drawn = v.find(special);
    }
    QHash<QString, double> own, ofSubject;
    const Concept *shownSubject =
        drawn->role == Concept::Role::Operation
            ? (subject && subject != drawn ? subject : v.find(drawn->defaultSubject))
            : nullptr;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const qsizetype dot = it.key().lastIndexOf(QLatin1Char('.'));
        const QString conceptId = it.key().left(dot), name = it.key().mid(dot + 1);
        const Concept *owner = conceptId == drawn->id                            ? drawn
                               : (shownSubject && conceptId == shownSubject->id) ? shownSubject
                                                                                 : nullptr;
        const ParameterDef *p = owner ? owner->parameter(name) : nullptr;
        if (dot <= 0 || !p)
            return fail(QStringLiteral("%1 is not a parameter of this icon.").arg(it.key()));
        const auto value = engineValue(*p, it.value());
        if (!value)
            return fail(QStringLiteral("%1 must be %2.").arg(it.key(), rangeText(*p)));
        (owner == drawn ? own : ofSubject).insert(name, *value);
    }
    QStringList ids;
    if (operation)
        ids << operation->id;
    if (subject && subject != operation)
        ids << subject->id;
    return assemble(*drawn, operation,
                    drawn->role == Concept::Role::Operation && subject != drawn ? subject : nullptr,
                    source.variant, own, ofSubject, ids, source.edits, errors);
}

} // namespace vocab
