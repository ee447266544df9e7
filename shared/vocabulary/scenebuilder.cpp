#include "vocabulary/scenebuilder.h"

#include "scene/flatten.h"
#include "scene/sceneparser.h"

#include <QJsonObject>

#include <cmath>

namespace vocab {

namespace {

constexpr int kMaxDepth = 4;    // use inside use inside …
constexpr int kMaxRepeat = 256; // iterations of one repeat or point list
constexpr int kMaxElements = 600;

double tidy(double v)
{
    if (!std::isfinite(v))
        return v;
    const double r = std::round(v * 1000.0) / 1000.0;
    return r == 0 ? 0.0 : r;
}

QString formatNumber(double v)
{
    return QString::number(tidy(v), 'g', 10);
}

class Builder
{
public:
    Builder(const Vocabulary &vocabulary, BuildOutput &out)
        : m_vocabulary(vocabulary)
        , m_out(out)
    {}

    // Draws `owner`'s variant into a list of elements.
    QJsonArray draw(const Concept &owner, const Concept *subject, int variant,
                    const QHash<QString, double> &values, const QHash<QString, double> &subjectValues,
                    int depth, QHash<QString, double> *resolved);

private:
    struct Frame
    {
        const Concept *owner;
        const Concept *subject;
        const QHash<QString, double> *subjectValues;
        int variant;
        int depth;
        Env env;
    };

    void fail(const QString &message)
    {
        if (m_out.errors.size() < 20 && !m_out.errors.contains(message))
            m_out.errors << message;
    }
    void run(const Program &program, Frame &frame, QJsonArray &out);
    QJsonValue evaluate(const Template &t, Frame &frame);
    void expandInto(const Template &t, Frame &frame, QJsonArray &out);
    void use(const Step &step, Frame &frame, QJsonArray &out);

    const Vocabulary &m_vocabulary;
    BuildOutput &m_out;
    int m_elements = 0;
};

// Drops grips (and guides, hidden edges) from a used drawing.
void filter(QJsonArray &elements, bool grips, bool guides)
{
    QJsonArray kept;
    for (const QJsonValue &v : std::as_const(elements)) {
        QJsonObject o = v.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (!grips && type == QLatin1String("grip"))
            continue;
        if (!guides && o.value(QLatin1String("layer")).toString() == QLatin1String("guide") &&
            type != QLatin1String("group"))
            continue;
        if (type == QLatin1String("group")) {
            QJsonArray children = o.value(QLatin1String("elements")).toArray();
            filter(children, grips, guides);
            o.insert(QStringLiteral("elements"), children);
        } else if (type == QLatin1String("view3d")) {
            QJsonArray objects;
            for (const QJsonValue &ov : o.value(QLatin1String("objects")).toArray()) {
                QJsonObject obj = ov.toObject();
                if (!grips && obj.value(QLatin1String("shape")).toString() == QLatin1String("grip"))
                    continue;
                if (!guides && obj.value(QLatin1String("layer")).toString() == QLatin1String("guide"))
                    continue;
                if (!guides && obj.value(QLatin1String("shape")).toString() != QLatin1String("grip"))
                    obj.insert(QStringLiteral("hidden"), false);
                objects.append(obj);
            }
            if (objects.isEmpty())
                continue;
            o.insert(QStringLiteral("objects"), objects);
        }
        kept.append(o);
    }
    elements = kept;
}

QJsonArray Builder::draw(const Concept &owner, const Concept *subject, int variant,
                         const QHash<QString, double> &values, const QHash<QString, double> &subjectValues,
                         int depth, QHash<QString, double> *resolved)
{
    Frame frame{&owner, subject, &subjectValues, variant, depth, Env(std::max(1, owner.slotCount), 0.0)};
    const Variant &v = owner.variants.at(std::clamp(variant, 0, int(owner.variants.size()) - 1));
    for (const ParameterDef &p : owner.parameters)
        frame.env[p.slot] = p.defaultValue;
    for (const auto &[slot, e] : v.defaults)
        frame.env[slot] = e.evaluate(frame.env);
    for (const ParameterDef &p : owner.parameters) {
        const auto it = values.find(p.name);
        if (it != values.end())
            frame.env[p.slot] = SceneBuilder::clampValue(p, *it);
        if (resolved)
            resolved->insert(p.name, frame.env.at(p.slot));
    }
    for (const auto &[slot, e] : owner.lets)
        frame.env[slot] = e.evaluate(frame.env);
    QJsonArray out;
    run(*v.draw, frame, out);
    return out;
}

void Builder::run(const Program &program, Frame &frame, QJsonArray &out)
{
    for (const Step &s : program.steps) {
        if (m_elements > kMaxElements) {
            fail(QStringLiteral("%1: more than %2 elements").arg(frame.owner->id).arg(kMaxElements));
            return;
        }
        switch (s.kind) {
        case Step::Kind::Element: {
            const QJsonValue v = evaluate(s.element, frame);
            if (!v.isUndefined()) {
                out.append(v);
                ++m_elements;
            }
            break;
        }
        case Step::Kind::Let:
            for (const auto &[slot, e] : s.lets)
                frame.env[slot] = e.evaluate(frame.env);
            break;
        case Step::Kind::Repeat: {
            const double n = s.count.evaluate(frame.env);
            const int count = std::isfinite(n) ? std::clamp(int(std::lround(n)), 0, kMaxRepeat) : 0;
            for (int i = 0; i < count; ++i) {
                frame.env[s.loopSlot] = i;
                run(*s.body, frame, out);
            }
            break;
        }
        case Step::Kind::If:
            run(s.condition.evaluate(frame.env) != 0 ? *s.body : *s.otherwise, frame, out);
            break;
        case Step::Kind::Use:
            if (s.condition.evaluate(frame.env) != 0)
                use(s, frame, out);
            break;
        }
    }
}

void Builder::use(const Step &s, Frame &frame, QJsonArray &out)
{
    if (frame.depth >= kMaxDepth) {
        fail(QStringLiteral("%1: \"use\" nested deeper than %2").arg(frame.owner->id).arg(kMaxDepth));
        return;
    }
    const bool isSubject = s.target == QLatin1String("subject");
    const Concept *target =
        isSubject ? (frame.subject ? frame.subject : m_vocabulary.find(frame.owner->defaultSubject))
                  : m_vocabulary.find(s.target);
    if (!target) {
        fail(QStringLiteral("%1: uses the unknown concept \"%2\"").arg(frame.owner->id, s.target));
        return;
    }
    QHash<QString, double> values;
    for (const auto &[name, e] : s.set) {
        if (target->parameter(name))
            values.insert(name, e.evaluate(frame.env));
    }
    if (isSubject) { // what the user asked for wins over the operation's choice
        for (auto it = frame.subjectValues->begin(); it != frame.subjectValues->end(); ++it)
            values.insert(it.key(), it.value());
    }
    int variant = 0;
    if (s.variant == QLatin1String("same")) {
        variant = frame.variant;
    } else if (s.variant.isEmpty() || s.variant == QLatin1String("compact")) {
        for (int i = 0; i < target->variants.size(); ++i) {
            if (target->variants.at(i).compact) {
                variant = i;
                break;
            }
        }
    } else {
        variant = std::clamp(s.variant.toInt(), 0, 2);
    }
    if (isSubject && frame.depth == 0)
        m_out.subjectDrawn = true;
    QJsonArray elements = draw(*target, nullptr, variant, values, {}, frame.depth + 1,
                               isSubject && frame.depth == 0 ? &m_out.subjectValues : nullptr);
    filter(elements, s.grips, s.guides);
    if (elements.isEmpty())
        return;
    QJsonObject placed;
    if (s.fit) {
        const QJsonArray r = evaluate(*s.fit, frame).toArray();
        placed = QJsonObject{{QStringLiteral("type"), QStringLiteral("group")},
                             {QStringLiteral("transform"), QJsonObject{{QStringLiteral("fit"), r}}},
                             {QStringLiteral("elements"), elements}};
    }
    if (s.transform || !s.layer.isEmpty()) {
        QJsonObject outer{{QStringLiteral("type"), QStringLiteral("group")},
                          {QStringLiteral("elements"), placed.isEmpty() ? elements : QJsonArray{placed}}};
        if (s.transform)
            outer.insert(QStringLiteral("transform"), evaluate(*s.transform, frame));
        if (!s.layer.isEmpty())
            outer.insert(QStringLiteral("layer"), s.layer);
        placed = outer;
    }
    if (placed.isEmpty()) {
        for (const QJsonValue &e : std::as_const(elements))
            out.append(e);
    } else {
        out.append(placed);
    }
    if (s.asSlot >= 0) {
        // The placed drawing's bounds, for what is drawn around it.
        QList<scene::SceneError> errors;
        const QList<scene::SceneElement> parsed =
            scene::SceneParser::parseElements(placed.isEmpty() ? elements : QJsonArray{placed}, &errors);
        const auto bounds = scene::flatten(parsed).bounds();
        const QRectF b = bounds.value_or(QRectF(16, 16, 0, 0));
        const double values[] = {b.left(),       b.top(),        b.right(), b.bottom(),
                                 b.center().x(), b.center().y(), b.width(), b.height()};
        for (int i = 0; i < 8; ++i)
            frame.env[s.asSlot + i] = values[i];
    }
}

void Builder::expandInto(const Template &t, Frame &frame, QJsonArray &out)
{
    if (t.kind == Template::Kind::Points) {
        const double n = t.count.evaluate(frame.env);
        const int count = std::isfinite(n) ? std::clamp(int(std::lround(n)), 0, kMaxRepeat) : 0;
        for (int k = 0; k < count; ++k) {
            frame.env[t.loopSlot] = k;
            for (const auto &[slot, e] : t.lets)
                frame.env[slot] = e.evaluate(frame.env);
            out.append(evaluate(t.children.at(0), frame));
        }
        return;
    }
    const QJsonValue v = evaluate(t, frame);
    if (!v.isUndefined())
        out.append(v);
}

QJsonValue Builder::evaluate(const Template &t, Frame &frame)
{
    switch (t.kind) {
    case Template::Kind::Constant:
        return t.constant;
    case Template::Kind::Number:
        return tidy(t.expression.evaluate(frame.env));
    case Template::Kind::Boolean:
        return t.expression.evaluate(frame.env) != 0;
    case Template::Kind::Text: {
        QString s;
        for (const auto &[literal, e] : t.text)
            s += e ? formatNumber(e->evaluate(frame.env)) : literal;
        return s;
    }
    case Template::Kind::Array: {
        QJsonArray a;
        for (const Template &c : t.children)
            expandInto(c, frame, a);
        return a;
    }
    case Template::Kind::Object: {
        if (t.condition && t.condition->evaluate(frame.env) == 0)
            return QJsonValue(QJsonValue::Undefined);
        QJsonObject o;
        for (qsizetype i = 0; i < t.keys.size(); ++i)
            o.insert(t.keys.at(i), evaluate(t.children.at(i), frame));
        return o;
    }
    case Template::Kind::Points: {
        QJsonArray a;
        expandInto(t, frame, a);
        return a;
    }
    case Template::Kind::Polar: {
        double v[4];
        for (int i = 0; i < 4; ++i)
            v[i] = evaluate(t.children.value(i), frame).toDouble();
        constexpr double deg = M_PI / 180.0;
        return QJsonArray{tidy(v[0] + v[2] * std::cos(v[3] * deg)), tidy(v[1] - v[2] * std::sin(v[3] * deg))};
    }
    case Template::Kind::Grid: {
        const int rows = std::clamp(int(std::lround(t.count.evaluate(frame.env))), 0, 16);
        const int cols = std::clamp(int(std::lround(t.count2.evaluate(frame.env))), 0, 16);
        QJsonArray grid;
        for (int r = 0; r < rows; ++r) {
            QJsonArray row;
            frame.env[t.loopSlot] = r;
            for (int c = 0; c < cols; ++c) {
                frame.env[t.loopSlot2] = c;
                row.append(tidy(t.expression.evaluate(frame.env)));
            }
            grid.append(row);
        }
        return grid;
    }
    case Template::Kind::Program: {
        QJsonArray a;
        if (t.program)
            run(*t.program, frame, a);
        return a;
    }
    }
    return {};
}

} // namespace

namespace SceneBuilder {

double clampValue(const ParameterDef &p, double value)
{
    if (!std::isfinite(value))
        return p.defaultValue;
    double v = std::clamp(value, p.min, p.max);
    if (p.type != ParameterDef::Type::Number)
        v = std::round(v);
    return v;
}

BuildOutput build(const Vocabulary &vocabulary, const BuildInput &input)
{
    BuildOutput out;
    if (!input.owner)
        return out;
    Builder builder(vocabulary, out);
    out.elements = builder.draw(*input.owner, input.subject, input.variant, input.values, input.subjectValues,
                                0, &out.values);
    return out;
}

} // namespace SceneBuilder

} // namespace vocab
