#include "vocabulary/scenerefiner.h"

#include "scene/sceneedits.h"
#include "scene/sceneparser.h"
#include "vocabulary/prompttokens.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace vocab {

namespace {

enum class Edit {
    Mirror,
    FlipVertical,
    Rotate,
    Clockwise,
    CounterClockwise,
    HideGuides,
    ShowGuides,
    EndGrips
};

const std::pair<const char *, Edit> kEditNames[] = {
    {"mirror", Edit::Mirror},
    {"flip-vertical", Edit::FlipVertical},
    {"rotate", Edit::Rotate},
    {"clockwise", Edit::Clockwise},
    {"counterclockwise", Edit::CounterClockwise},
    {"hide-guides", Edit::HideGuides},
    {"show-guides", Edit::ShowGuides},
    {"end-grips", Edit::EndGrips},
};

QString formatNumber(double v)
{
    return QString::number(std::round(v * 1000) / 1000, 'g', 8);
}

double normalizedAngle(double degrees)
{
    double a = std::fmod(degrees, 360.0);
    if (a <= -180)
        a += 360;
    if (a > 180)
        a -= 360;
    return a;
}

} // namespace

struct SceneRefiner::Data
{
    struct Relative
    {
        QList<QStringList> phrases;
        int direction = 1;
        QStringList parameters;
    };
    QList<std::pair<QStringList, Edit>> edits;
    QSet<QString> degreeWords;
    QList<Relative> relative;
    Tokenizer tokenizer;

    explicit Data(const Language &language)
        : tokenizer(language)
    {}

    // A phrase as prompts are read: normalised words, fillers left out.
    QStringList words(const QString &text) const
    {
        QStringList out;
        for (const Token &t : tokenizer.tokenize(text)) {
            if (!t.filler)
                out << t.text;
        }
        return out;
    }
};

namespace {

// One thing a word sequence may mean for this scene.
struct Rule
{
    enum class Kind { Edit, Value, ParameterWord, Relative };
    Kind kind = Kind::Edit;
    QStringList phrase;
    Edit edit = Edit::Mirror;
    int parameter = -1; // index into the scene's parameters
    QVariant value;     // Value: the value it sets
    const SceneRefiner::Data::Relative *relative = nullptr;
};

// What the words ask for, before it is applied.
struct Request
{
    struct Setting
    {
        int parameter;
        std::optional<QVariant> absolute; // a value
        int direction = 0;                // or a step up (+1) or down (-1)
    };
    QList<Setting> settings;
    QList<std::pair<Edit, double>> edits; // Rotate carries its angle
    QStringList ignored;
    QStringList notes;
};

const ParameterDef *definition(const Vocabulary &v, const scene::ParameterSpec &spec)
{
    const qsizetype dot = spec.name.lastIndexOf(QLatin1Char('.'));
    const Concept *c = dot > 0 ? v.find(spec.name.left(dot)) : nullptr;
    return c ? c->parameter(spec.name.mid(dot + 1)) : nullptr;
}

QString bareName(const scene::ParameterSpec &spec)
{
    return spec.name.mid(spec.name.lastIndexOf(QLatin1Char('.')) + 1);
}

QJsonValue jsonValue(const QVariant &v)
{
    return QJsonValue::fromVariant(v);
}

QString display(const QVariant &v)
{
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    return formatNumber(v.toDouble());
}

} // namespace

SceneRefiner::SceneRefiner(const IconEngine &engine, const QByteArray &refineJson)
    : m_engine(engine)
{
    auto data = std::make_shared<Data>(engine.vocabulary().language());
    const QJsonObject root = QJsonDocument::fromJson(refineJson).object();
    const QJsonObject edits = root.value(QLatin1String("edits")).toObject();
    for (const auto &[name, edit] : kEditNames) {
        for (const QJsonValue &p : edits.value(QLatin1String(name)).toArray())
            data->edits.append({data->words(p.toString()), edit});
    }
    for (const QJsonValue &w : root.value(QLatin1String("degreeWords")).toArray()) {
        for (const QString &t : data->words(w.toString()))
            data->degreeWords.insert(t);
    }
    for (const QJsonValue &r : root.value(QLatin1String("relative")).toArray()) {
        const QJsonObject o = r.toObject();
        Data::Relative rel;
        for (const QJsonValue &p : o.value(QLatin1String("words")).toArray())
            rel.phrases << data->words(p.toString());
        rel.direction = o.value(QLatin1String("direction")).toInt() < 0 ? -1 : 1;
        for (const QJsonValue &p : o.value(QLatin1String("parameters")).toArray())
            rel.parameters << p.toString();
        data->relative << rel;
    }
    m_data = std::move(data);
}

const SceneRefiner &SceneRefiner::builtin()
{
    static const SceneRefiner refiner = [] {
        QFile file(QStringLiteral(":/vocabulary/refine.json"));
        file.open(QIODevice::ReadOnly);
        return SceneRefiner(IconEngine::builtin(), file.readAll());
    }();
    return refiner;
}

RefineResult SceneRefiner::refine(const scene::Scene &current, const QString &text) const
{
    const Vocabulary &vocabulary = m_engine.vocabulary();
    const Data &data = *m_data;
    const bool fromVocabulary = current.source.engine == QLatin1String("builtin");

    // The rules this scene understands: its parameters' words and value words, the edits, the adjectives.
    QList<Rule> rules;
    for (const auto &[phrase, edit] : data.edits)
        rules.append({Rule::Kind::Edit, phrase, edit, -1, {}, nullptr});
    for (qsizetype i = 0; i < current.parameters.size(); ++i) {
        const ParameterDef *def = fromVocabulary ? definition(vocabulary, current.parameters.at(i)) : nullptr;
        if (!def)
            continue;
        for (const QString &w : def->words) {
            if (!w.startsWith(QLatin1Char('@')))
                rules.append({Rule::Kind::ParameterWord, data.words(w), Edit::Mirror, int(i), {}, nullptr});
        }
        for (auto it = def->valueWords.begin(); it != def->valueWords.end(); ++it) {
            const QVariant value = def->type == ParameterDef::Type::Bool
                                       ? QVariant(it.key() == QLatin1String("true"))
                                       : QVariant(it.key());
            for (const QString &w : it.value())
                rules.append({Rule::Kind::Value, data.words(w), Edit::Mirror, int(i), value, nullptr});
        }
    }
    for (const Data::Relative &r : data.relative) {
        for (const QStringList &p : r.phrases)
            rules.append({Rule::Kind::Relative, p, Edit::Mirror, -1, {}, &r});
    }

    // The words, fillers left out; generic verbs ("make", "add", "show") never count as ignored.
    QList<Token> tokens;
    for (const Token &t : data.tokenizer.tokenize(text)) {
        if (!t.filler)
            tokens << t;
    }
    QList<bool> used(tokens.size(), false);
    const auto matchAt = [&](qsizetype at, Rule::Kind kind) -> const Rule * {
        const Rule *best = nullptr;
        for (const Rule &r : rules) {
            if (r.kind != kind || r.phrase.isEmpty() || at + r.phrase.size() > tokens.size())
                continue;
            bool same = true;
            for (qsizetype k = 0; k < r.phrase.size() && same; ++k)
                same = !used.at(at + k) && tokens.at(at + k).text == r.phrase.at(k);
            if (same && (!best || r.phrase.size() > best->phrase.size()))
                best = &r;
        }
        return best;
    };
    const auto bestAt = [&](qsizetype at) -> const Rule * {
        const Rule *best = nullptr;
        for (Rule::Kind kind :
             {Rule::Kind::Value, Rule::Kind::Edit, Rule::Kind::ParameterWord, Rule::Kind::Relative}) {
            const Rule *r = matchAt(at, kind);
            if (r && (!best || r->phrase.size() > best->phrase.size()))
                best = r;
        }
        return best;
    };
    const auto take = [&](qsizetype at, qsizetype n) {
        for (qsizetype k = 0; k < n; ++k)
            used[at + k] = true;
    };
    const auto numberAt = [&](qsizetype at) -> std::optional<double> {
        if (at < 0 || at >= tokens.size() || used.at(at) || !tokens.at(at).number)
            return std::nullopt;
        return tokens.at(at).number;
    };

    Request request;
    int rotateSign = 1;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (used.at(i) || tokens.at(i).number)
            continue;
        const Rule *rule = bestAt(i);
        if (!rule)
            continue;
        const qsizetype n = rule->phrase.size();
        take(i, n);
        switch (rule->kind) {
        case Rule::Kind::Edit:
            if (rule->edit == Edit::Clockwise || rule->edit == Edit::CounterClockwise) {
                rotateSign = rule->edit == Edit::Clockwise ? -1 : 1;
            } else if (rule->edit == Edit::Rotate) {
                double angle = 90;
                qsizetype at = i + n;
                if (const auto number = numberAt(at)) {
                    angle = *number;
                    take(at, 1);
                    if (at + 1 < tokens.size() && data.degreeWords.contains(tokens.at(at + 1).text))
                        take(at + 1, 1);
                } else {
                    request.notes << QStringLiteral("No angle given: rotated by 90°.");
                }
                request.edits.append({Edit::Rotate, angle});
            } else {
                request.edits.append({rule->edit, 0});
            }
            break;
        case Rule::Kind::Value:
            request.settings.append({rule->parameter, rule->value, 0});
            break;
        case Rule::Kind::ParameterWord:
            if (const auto before = numberAt(i - 1)) {
                take(i - 1, 1);
                request.settings.append({rule->parameter, QVariant(*before), 0});
            } else if (const auto after = numberAt(i + n)) {
                take(i + n, 1);
                request.settings.append({rule->parameter, QVariant(*after), 0});
            } else {
                used[i] = false; // a parameter named without a value says nothing
                for (qsizetype k = 1; k < n; ++k)
                    used[i + k] = false;
            }
            break;
        case Rule::Kind::Relative: {
            // "more teeth": the parameter named next; "wider": the first of the adjective's parameters.
            if (const Rule *next =
                    i + n < tokens.size() ? matchAt(i + n, Rule::Kind::ParameterWord) : nullptr;
                next && !numberAt(i + n + next->phrase.size())) {
                take(i + n, next->phrase.size());
                request.settings.append({next->parameter, std::nullopt, rule->relative->direction});
                break;
            }
            int chosen = -1;
            for (const QString &name : rule->relative->parameters) {
                for (qsizetype p = 0; p < current.parameters.size() && chosen < 0; ++p) {
                    const scene::ParameterSpec &spec = current.parameters.at(p);
                    if (bareName(spec) == name && (spec.type == scene::ParameterSpec::Type::Int ||
                                                   spec.type == scene::ParameterSpec::Type::Number))
                        chosen = int(p);
                }
                if (chosen >= 0)
                    break;
            }
            if (chosen >= 0) {
                request.settings.append({chosen, std::nullopt, rule->relative->direction});
            } else {
                for (qsizetype k = 0; k < n; ++k)
                    used[i + k] = false;
            }
            break;
        }
        }
    }
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!used.at(i) && !tokens.at(i).generic)
            request.ignored << tokens.at(i).original;
    }

    RefineResult result;
    if (request.settings.isEmpty() && request.edits.isEmpty()) {
        result.status = RefineResult::Status::NotUnderstood;
        result.message = QStringLiteral("Nothing in \"%1\" changes this icon; try one of the suggestions.")
                             .arg(text.simplified().left(80));
        result.suggestions = suggestions(current);
        return result;
    }

    // Apply what was asked: values first, then the edits in the order written.
    QVariantMap values = current.values;
    QJsonArray changes, parameters;
    QStringList described, unchanged;
    for (const Request::Setting &s : std::as_const(request.settings)) {
        const scene::ParameterSpec &spec = current.parameters.at(s.parameter);
        const QVariant before = values.value(spec.name, spec.defaultValue);
        QVariant after;
        const bool numeric =
            spec.type == scene::ParameterSpec::Type::Int || spec.type == scene::ParameterSpec::Type::Number;
        if (numeric) {
            double v = s.absolute ? s.absolute->toDouble() : before.toDouble();
            if (!s.absolute) {
                double delta = std::max(spec.step, 0.25 * (spec.max - spec.min));
                if (spec.type == scene::ParameterSpec::Type::Int)
                    delta = std::max(1.0, std::round(delta));
                v += s.direction * delta;
            }
            if (v > spec.max || v < spec.min) {
                const double clamped = std::clamp(v, spec.min, spec.max);
                if (s.absolute)
                    request.notes << QStringLiteral("%1: %2 is outside %3 to %4, drawn with %5.")
                                         .arg(spec.label, formatNumber(v), formatNumber(spec.min),
                                              formatNumber(spec.max), formatNumber(clamped));
                v = clamped;
            }
            if (spec.type == scene::ParameterSpec::Type::Int)
                after = int(std::llround(v));
            else
                after = std::round(v * 1000) / 1000;
        } else {
            after = s.absolute.value_or(before);
        }
        if (display(after) == display(before)) {
            if (!s.absolute)
                unchanged << QStringLiteral("%1 is already at its %2 (%3).")
                                 .arg(spec.label,
                                      s.direction > 0 ? QStringLiteral("largest")
                                                      : QStringLiteral("smallest"),
                                      display(before));
            else
                unchanged << QStringLiteral("%1 is already %2.").arg(spec.label, display(before));
            continue;
        }
        values.insert(spec.name, after);
        changes.append(QJsonObject{{QStringLiteral("parameter"), spec.name},
                                   {QStringLiteral("label"), spec.label},
                                   {QStringLiteral("from"), jsonValue(before)},
                                   {QStringLiteral("to"), jsonValue(after)}});
        const qsizetype dot = spec.name.lastIndexOf(QLatin1Char('.'));
        parameters.append(QJsonObject{{QStringLiteral("concept"), spec.name.left(dot)},
                                      {QStringLiteral("name"), spec.name.mid(dot + 1)},
                                      {QStringLiteral("label"), spec.label},
                                      {QStringLiteral("value"), jsonValue(after)}});
        described << QStringLiteral("%1 %2 → %3").arg(spec.label.toLower(), display(before), display(after));
    }

    // A vocabulary scene keeps its edits in its source; a free scene takes this refinement's edits.
    scene::SceneEdits edits = fromVocabulary ? current.source.edits : scene::SceneEdits{};
    const auto mirror = [&] {
        // The drawing is mirrored first, then rotated: mirroring a rotated drawing reverses the angle.
        edits.mirror = !edits.mirror;
        edits.rotate = normalizedAngle(-edits.rotate);
    };
    for (const auto &[edit, angle] : std::as_const(request.edits)) {
        switch (edit) {
        case Edit::Mirror:
            mirror();
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("mirror")}});
            described << QStringLiteral("mirrored");
            break;
        case Edit::FlipVertical:
            mirror();
            edits.rotate = normalizedAngle(edits.rotate + 180);
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("flip-vertical")}});
            described << QStringLiteral("flipped vertically");
            break;
        case Edit::Rotate: {
            const double degrees = normalizedAngle(rotateSign * angle);
            if (degrees == 0) {
                unchanged
                    << QStringLiteral("A turn by %1° leaves the icon as it is.").arg(formatNumber(angle));
                break;
            }
            edits.rotate = normalizedAngle(edits.rotate + degrees);
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("rotate")},
                                       {QStringLiteral("degrees"), degrees}});
            described << QStringLiteral("rotated %1°").arg(formatNumber(degrees));
            break;
        }
        case Edit::HideGuides:
            if (current.toolType == ToolType::Drawing) {
                result.status = RefineResult::Status::NotPossible;
                result.message = QStringLiteral(
                    "A drawing tool's icon keeps its Guide layer: the design system shows the construction "
                    "lines a drawing tool starts from.");
                return result;
            }
            if (edits.hideGuides) {
                unchanged << QStringLiteral("The guides are already left out.");
                break;
            }
            edits.hideGuides = true;
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("hide-guides")}});
            described << QStringLiteral("without guides");
            break;
        case Edit::ShowGuides:
            if (!edits.hideGuides) {
                unchanged << QStringLiteral("The icon shows the guides it has.");
                break;
            }
            edits.hideGuides = false;
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("show-guides")}});
            described << QStringLiteral("with guides");
            break;
        case Edit::EndGrips: {
            const QJsonArray elements = current.toJson().value(QLatin1String("elements")).toArray();
            scene::SceneEdits only;
            only.endGrips = true;
            if (edits.endGrips || scene::applyEdits(elements, only).size() == elements.size()) {
                unchanged << QStringLiteral("Every open end of the drawing already has a grip.");
                break;
            }
            edits.endGrips = true;
            changes.append(QJsonObject{{QStringLiteral("edit"), QStringLiteral("end-grips")}});
            described << QStringLiteral("grips at the ends");
            break;
        }
        case Edit::Clockwise:
        case Edit::CounterClockwise:
            break;
        }
    }
    if (changes.isEmpty()) {
        result.status = RefineResult::Status::NotPossible;
        result.message = unchanged.join(QLatin1Char(' '));
        return result;
    }
    request.notes << unchanged;

    // Build the refined scene.
    if (fromVocabulary) {
        scene::SceneSource source = current.source;
        source.edits = edits;
        auto built = m_engine.instantiate(source, values, &result.errors);
        if (!built) {
            result.status = RefineResult::Status::NotPossible;
            result.message = QStringLiteral("The icon cannot be drawn that way.");
            return result;
        }
        result.sceneJson = built->sceneJson;
        result.scene = std::move(built->scene);
    } else {
        QJsonObject json = current.toJson();
        json.insert(QStringLiteral("elements"),
                    scene::applyEdits(json.value(QLatin1String("elements")).toArray(), edits));
        scene::SceneParseResult parsed = scene::SceneParser::fromJson(json);
        if (!parsed.ok()) {
            result.status = RefineResult::Status::NotPossible;
            result.message =
                QStringLiteral("This icon cannot take that change: %1").arg(parsed.messages().value(0));
            return result;
        }
        result.sceneJson = json;
        result.scene = std::move(parsed.scene);
    }

    // What was understood, in the shape of create's interpretation plus the changes.
    QJsonArray concepts;
    for (const QString &id : current.source.concepts) {
        const Concept *c = vocabulary.find(id);
        concepts.append(QJsonObject{{QStringLiteral("id"), id},
                                    {QStringLiteral("name"), c ? c->name : id},
                                    {QStringLiteral("role"), id == current.source.operation
                                                                 ? QStringLiteral("operation")
                                                                 : QStringLiteral("subject")}});
    }
    QString subject = fromVocabulary && !current.source.concepts.isEmpty()
                          ? current.source.concepts.join(QStringLiteral(" · "))
                          : current.name.toLower();
    if (subject.isEmpty())
        subject = QStringLiteral("icon");
    result.status = RefineResult::Status::Refined;
    result.interpretation = QJsonObject{
        {QStringLiteral("summary"), subject + QStringLiteral(": ") + described.join(QStringLiteral(", "))},
        {QStringLiteral("concepts"), concepts},
        {QStringLiteral("parameters"), parameters},
        {QStringLiteral("changes"), changes},
        {QStringLiteral("ignoredWords"), QJsonArray::fromStringList(request.ignored)}};
    if (!request.notes.isEmpty())
        result.interpretation.insert(QStringLiteral("notes"), QJsonArray::fromStringList(request.notes));
    return result;
}

QStringList SceneRefiner::suggestions(const scene::Scene &current, int max) const
{
    QStringList out;
    const bool fromVocabulary = current.source.engine == QLatin1String("builtin");
    bool wider = false;
    for (const scene::ParameterSpec &spec : current.parameters) {
        const ParameterDef *def = fromVocabulary ? definition(m_engine.vocabulary(), spec) : nullptr;
        if (!def || out.size() >= 2)
            continue;
        const QVariant now = current.values.value(spec.name, spec.defaultValue);
        if (spec.type == scene::ParameterSpec::Type::Int || spec.type == scene::ParameterSpec::Type::Number) {
            QString word;
            for (const QString &w : def->words) {
                if (!w.startsWith(QLatin1Char('@')) && word.isEmpty())
                    word = w;
            }
            if (word.isEmpty())
                continue;
            // A value a quarter of the range away, within the range.
            double v = now.toDouble() + 0.25 * (spec.max - spec.min);
            if (v > spec.max)
                v = now.toDouble() - 0.25 * (spec.max - spec.min);
            v = std::clamp(v, spec.min, spec.max);
            v = spec.type == scene::ParameterSpec::Type::Int ? std::round(v) : std::round(v * 10) / 10;
            out << (spec.type == scene::ParameterSpec::Type::Int
                        ? QStringLiteral("%1 %2").arg(formatNumber(v), spec.label.toLower())
                        : QStringLiteral("%1 %2").arg(word, formatNumber(v)));
            wider = wider || bareName(spec) == QLatin1String("width") ||
                    bareName(spec) == QLatin1String("radius") || bareName(spec) == QLatin1String("size");
        } else if (spec.type == scene::ParameterSpec::Type::Bool) {
            const QStringList words =
                def->valueWords.value(now.toBool() ? QStringLiteral("false") : QStringLiteral("true"));
            if (!words.isEmpty())
                out << (now.toBool() ? words.constFirst() : QStringLiteral("add a ") + words.constFirst());
        }
    }
    if (wider)
        out << QStringLiteral("make it wider");
    out << QStringLiteral("mirror it") << QStringLiteral("rotate 45 degrees");
    if (current.toolType != ToolType::Drawing)
        out << QStringLiteral("without the guide");
    const QJsonArray elements = current.toJson().value(QLatin1String("elements")).toArray();
    scene::SceneEdits endGrips;
    endGrips.endGrips = true;
    if (!current.source.edits.endGrips && scene::applyEdits(elements, endGrips).size() > elements.size())
        out << QStringLiteral("show the grips at the ends");
    return out.mid(0, max);
}

} // namespace vocab
