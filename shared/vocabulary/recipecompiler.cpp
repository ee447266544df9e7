#include "vocabulary/recipecompiler.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace vocab {

namespace {

// Scene keys whose strings are words ("primary", "isometric", path data with {…}), not expressions.
bool isTextKey(const QString &key)
{
    static const QStringList keys{
        QStringLiteral("type"),  QStringLiteral("layer"),      QStringLiteral("kind"),
        QStringLiteral("heads"), QStringLiteral("projection"), QStringLiteral("shape"),
        QStringLiteral("axis"),  QStringLiteral("mirror"),     QStringLiteral("d"),
        QStringLiteral("faces"), QStringLiteral("name")};
    return keys.contains(key);
}

bool isBooleanKey(const QString &key)
{
    return key == QLatin1String("closed") || key == QLatin1String("outline") ||
           key == QLatin1String("hidden");
}

QString item(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString member(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

bool isIdentifier(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}

} // namespace

void RecipeCompiler::fail(const QString &path, const QString &message)
{
    if (m_errors.size() < 200)
        m_errors << QStringLiteral("%1 (%2): %3: %4").arg(m_concept, m_file, path, message);
}

std::optional<Expression> RecipeCompiler::expression(const QJsonValue &value, const Scope &scope,
                                                     const QString &path)
{
    if (value.isDouble())
        return Expression::constant(value.toDouble());
    if (value.isBool())
        return Expression::constant(value.toBool() ? 1 : 0);
    if (!value.isString()) {
        fail(path, QStringLiteral("must be a number or an expression"));
        return std::nullopt;
    }
    QString error;
    auto e = Expression::compile(value.toString(), scope, &error);
    if (!e)
        fail(path, error);
    return e;
}

QList<std::pair<int, Expression>> RecipeCompiler::lets(const QJsonValue &value, Scope &scope,
                                                       const QString &path)
{
    QList<std::pair<int, Expression>> out;
    if (value.isUndefined())
        return out;
    // An object keeps its keys sorted, so order-dependent definitions use a list of one-key objects.
    QList<std::pair<QString, QJsonValue>> defs;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            defs.append({it.key(), it.value()});
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                defs.append({it.key(), it.value()});
        }
    } else {
        fail(path, QStringLiteral("must be {\"name\": expression, …} or a list of them"));
        return out;
    }
    // JSON objects do not keep their order: definitions are taken in the order their references
    // allow ("ri": "ro - 2" after "ro"), alphabetically among the ready ones.
    QStringList pending;
    for (const auto &[name, v] : defs) {
        if (!isIdentifier(name))
            fail(member(path, name), QStringLiteral("is not a valid variable name"));
        else
            pending << name;
    }
    const auto valueOf = [&](const QString &name) {
        for (const auto &[n, v] : defs) {
            if (n == name)
                return v;
        }
        return QJsonValue();
    };
    bool progress = true;
    while (!pending.isEmpty() && progress) {
        progress = false;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const QString name = pending.at(i);
            const QJsonValue v = valueOf(name);
            if (v.isString()) {
                QString error;
                if (!Expression::compile(v.toString(), scope, &error)) {
                    static const QRegularExpression unknown(QStringLiteral("^unknown variable '([^']+)'"));
                    const auto m = unknown.match(error);
                    if (m.hasMatch() && pending.contains(m.captured(1)) && m.captured(1) != name)
                        continue; // waits for another definition
                }
            }
            auto e = expression(v, scope, member(path, name)); // before declaring: no self reference
            const int slot = scope.declare(name);
            if (e)
                out.append({slot, *e});
            pending.removeAt(i);
            progress = true;
            break;
        }
    }
    for (const QString &name : std::as_const(pending))
        fail(member(path, name), QStringLiteral("the definitions refer to each other in a circle"));
    return out;
}

Template RecipeCompiler::compileTemplate(const QJsonValue &value, const QString &key, Scope &scope,
                                         const QString &path)
{
    Template t;
    if (value.isDouble() || value.isBool() || value.isNull()) {
        t.kind = Template::Kind::Constant;
        t.constant = value;
        return t;
    }
    if (value.isString()) {
        const QString s = value.toString();
        if (isTextKey(key)) {
            // Literal text with {expression} parts.
            qsizetype pos = 0;
            bool dynamic = false;
            while (pos < s.size()) {
                const qsizetype open = s.indexOf(QLatin1Char('{'), pos);
                if (open < 0) {
                    t.text.append({s.mid(pos), std::nullopt});
                    break;
                }
                const qsizetype close = s.indexOf(QLatin1Char('}'), open);
                if (close < 0) {
                    fail(path, QStringLiteral("unclosed '{'"));
                    break;
                }
                if (open > pos)
                    t.text.append({s.mid(pos, open - pos), std::nullopt});
                QString error;
                auto e = Expression::compile(s.mid(open + 1, close - open - 1), scope, &error);
                if (!e)
                    fail(path, error);
                t.text.append({QString(), e ? e : std::optional<Expression>(Expression::constant(0))});
                dynamic = true;
                pos = close + 1;
            }
            if (!dynamic) {
                t.kind = Template::Kind::Constant;
                t.constant = s;
                t.text.clear();
            } else {
                t.kind = Template::Kind::Text;
            }
            return t;
        }
        auto e = expression(value, scope, path);
        t.kind = isBooleanKey(key) ? Template::Kind::Boolean : Template::Kind::Number;
        t.expression = e.value_or(Expression::constant(0));
        if (t.kind == Template::Kind::Number && t.expression.isConstant()) {
            t.kind = Template::Kind::Constant;
            t.constant = t.expression.evaluate({});
        }
        return t;
    }
    if (value.isArray()) {
        t.kind = Template::Kind::Array;
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            t.children << compileTemplate(a.at(i), key, scope, item(path, i));
        return t;
    }
    const QJsonObject o = value.toObject();
    if (o.contains(QLatin1String("for"))) {
        // A list of points: {"for": "k", "count": …, "let": {…}, "point": […]}
        t.kind = Template::Kind::Points;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != QLatin1String("for") && it.key() != QLatin1String("count") &&
                it.key() != QLatin1String("let") && it.key() != QLatin1String("point"))
                fail(member(path, it.key()), QStringLiteral("unknown key in a point list"));
        }
        t.count = expression(o.value(QLatin1String("count")), scope, member(path, QStringLiteral("count")))
                      .value_or(Expression::constant(0));
        Scope inner(&scope);
        const QString var = o.value(QLatin1String("for")).toString();
        if (!isIdentifier(var))
            fail(member(path, QStringLiteral("for")), QStringLiteral("must name the index variable"));
        t.loopSlot = inner.declare(var);
        t.lets = lets(o.value(QLatin1String("let")), inner, member(path, QStringLiteral("let")));
        if (!o.value(QLatin1String("point")).isArray())
            fail(member(path, QStringLiteral("point")), QStringLiteral("must be [x, y] or [x, y, z]"));
        t.children << compileTemplate(o.value(QLatin1String("point")), QString(), inner,
                                      member(path, QStringLiteral("point")));
        return t;
    }
    if (o.contains(QLatin1String("polar"))) {
        t.kind = Template::Kind::Polar;
        const QJsonArray a = o.value(QLatin1String("polar")).toArray();
        if (a.size() != 4 || o.size() != 1)
            fail(path, QStringLiteral("must be {\"polar\": [cx, cy, radius, angle]}"));
        for (qsizetype i = 0; i < a.size(); ++i)
            t.children << compileTemplate(a.at(i), QString(), scope,
                                          item(member(path, QStringLiteral("polar")), i));
        return t;
    }
    if (o.contains(QLatin1String("grid"))) {
        t.kind = Template::Kind::Grid;
        const QJsonArray a = o.value(QLatin1String("grid")).toArray();
        if (a.size() != 2)
            fail(member(path, QStringLiteral("grid")), QStringLiteral("must be [rows, columns]"));
        t.count = expression(a.at(0), scope, member(path, QStringLiteral("grid")))
                      .value_or(Expression::constant(2));
        t.count2 = expression(a.at(1), scope, member(path, QStringLiteral("grid")))
                       .value_or(Expression::constant(2));
        Scope inner(&scope);
        t.loopSlot = inner.declare(QStringLiteral("r"));
        t.loopSlot2 = inner.declare(QStringLiteral("c"));
        t.expression =
            expression(o.value(QLatin1String("value")), inner, member(path, QStringLiteral("value")))
                .value_or(Expression::constant(0));
        return t;
    }
    t.kind = Template::Kind::Object;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("if")) {
            t.condition = expression(it.value(), scope, member(path, QStringLiteral("if")));
            continue;
        }
        t.keys << it.key();
        if ((it.key() == QLatin1String("elements") || it.key() == QLatin1String("objects")) &&
            it.value().isArray()) {
            // Nested programs: a group's elements, a view's objects (repeat, let, if and use allowed).
            Template nested;
            nested.kind = Template::Kind::Program;
            Scope inner(&scope);
            nested.program = program(it.value(), inner, member(path, it.key()));
            t.children << nested;
            continue;
        }
        t.children << compileTemplate(it.value(), it.key(), scope, member(path, it.key()));
    }
    return t;
}

std::shared_ptr<Program> RecipeCompiler::program(const QJsonValue &value, Scope &scope, const QString &path)
{
    auto out = std::make_shared<Program>();
    if (!value.isArray()) {
        fail(path, QStringLiteral("must be a list of drawing steps"));
        return out;
    }
    const QJsonArray a = value.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isObject()) {
            fail(item(path, i), QStringLiteral("must be an object"));
            continue;
        }
        out->steps << step(a.at(i).toObject(), scope, item(path, i));
    }
    return out;
}

Step RecipeCompiler::step(const QJsonObject &o, Scope &scope, const QString &path)
{
    Step s;
    const auto only = [&](std::initializer_list<const char *> keys) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char *k : keys)
                known = known || it.key() == QLatin1String(k);
            if (!known)
                fail(member(path, it.key()), QStringLiteral("unknown key here"));
        }
    };
    if (o.contains(QLatin1String("type")) || o.contains(QLatin1String("shape"))) {
        s.kind = Step::Kind::Element;
        s.element = compileTemplate(o, QString(), scope, path);
        return s;
    }
    if (o.contains(QLatin1String("use"))) {
        only({"use", "variant", "set", "fit", "transform", "layer", "grips", "guides", "as", "if"});
        s.kind = Step::Kind::Use;
        s.target = o.value(QLatin1String("use")).toString();
        const QJsonValue variant = o.value(QLatin1String("variant"));
        s.variant = variant.isDouble() ? QString::number(variant.toInt()) : variant.toString();
        const QJsonObject set = o.value(QLatin1String("set")).toObject();
        for (auto it = set.begin(); it != set.end(); ++it) {
            if (auto e = expression(it.value(), scope, member(member(path, QStringLiteral("set")), it.key())))
                s.set.append({it.key(), *e});
        }
        if (o.contains(QLatin1String("fit")))
            s.fit = compileTemplate(o.value(QLatin1String("fit")), QString(), scope,
                                    member(path, QStringLiteral("fit")));
        if (o.contains(QLatin1String("transform")))
            s.transform = compileTemplate(o.value(QLatin1String("transform")), QStringLiteral("transform"),
                                          scope, member(path, QStringLiteral("transform")));
        s.layer = o.value(QLatin1String("layer")).toString();
        if (!s.layer.isEmpty() && s.layer != QLatin1String("guide") && s.layer != QLatin1String("context") &&
            s.layer != QLatin1String("primary"))
            fail(member(path, QStringLiteral("layer")), QStringLiteral("must be guide, context or primary"));
        s.grips = o.value(QLatin1String("grips")).toBool(false);
        s.guides = o.value(QLatin1String("guides")).toBool(false);
        if (o.contains(QLatin1String("if")))
            s.condition = expression(o.value(QLatin1String("if")), scope, member(path, QStringLiteral("if")))
                              .value_or(Expression::constant(1));
        else
            s.condition = Expression::constant(1);
        const QString as = o.value(QLatin1String("as")).toString();
        if (!as.isEmpty()) {
            if (!isIdentifier(as))
                fail(member(path, QStringLiteral("as")), QStringLiteral("is not a valid variable name"));
            static const char *const parts[] = {"x0", "y0", "x1", "y1", "cx", "cy", "w", "h"};
            for (int i = 0; i < 8; ++i) {
                const int slot = scope.declare(as + QLatin1Char('.') + QLatin1String(parts[i]));
                if (i == 0)
                    s.asSlot = slot;
            }
        }
        return s;
    }
    if (o.contains(QLatin1String("repeat"))) {
        only({"repeat", "as", "draw"});
        s.kind = Step::Kind::Repeat;
        s.count = expression(o.value(QLatin1String("repeat")), scope, member(path, QStringLiteral("repeat")))
                      .value_or(Expression::constant(0));
        auto inner = std::make_shared<Scope>(&scope);
        const QString var = o.value(QLatin1String("as")).toString(QStringLiteral("i"));
        if (!isIdentifier(var))
            fail(member(path, QStringLiteral("as")), QStringLiteral("is not a valid variable name"));
        s.loopSlot = inner->declare(var);
        s.body = program(o.value(QLatin1String("draw")), *inner, member(path, QStringLiteral("draw")));
        return s;
    }
    if (o.contains(QLatin1String("let"))) {
        only({"let"});
        s.kind = Step::Kind::Let;
        s.lets = lets(o.value(QLatin1String("let")), scope, member(path, QStringLiteral("let")));
        return s;
    }
    if (o.contains(QLatin1String("if")) && o.contains(QLatin1String("draw"))) {
        only({"if", "draw", "else"});
        s.kind = Step::Kind::If;
        s.condition = expression(o.value(QLatin1String("if")), scope, member(path, QStringLiteral("if")))
                          .value_or(Expression::constant(0));
        Scope thenScope(&scope), elseScope(&scope);
        s.body = program(o.value(QLatin1String("draw")), thenScope, member(path, QStringLiteral("draw")));
        s.otherwise = o.contains(QLatin1String("else")) ? program(o.value(QLatin1String("else")), elseScope,
                                                                  member(path, QStringLiteral("else")))
                                                        : std::make_shared<Program>();
        return s;
    }
    fail(path,
         QStringLiteral("is neither an element (\"type\"/\"shape\") nor a step (use, repeat, let, if)"));
    return s;
}

void RecipeCompiler::parameters(const QJsonValue &value, Concept &c, Scope &scope)
{
    const QJsonArray list = value.toArray();
    if (!value.isUndefined() && !value.isArray())
        fail(QStringLiteral("parameters"), QStringLiteral("must be a list"));
    if (list.size() > 8)
        fail(QStringLiteral("parameters"), QStringLiteral("at most 8 parameters per concept"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = item(QStringLiteral("parameters"), i);
        const QJsonObject o = list.at(i).toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            static const QStringList known{
                QStringLiteral("name"),    QStringLiteral("label"),   QStringLiteral("type"),
                QStringLiteral("min"),     QStringLiteral("max"),     QStringLiteral("step"),
                QStringLiteral("default"), QStringLiteral("choices"), QStringLiteral("words"),
                QStringLiteral("values"),  QStringLiteral("implicit")};
            if (!known.contains(it.key()))
                fail(member(path, it.key()), QStringLiteral("unknown key"));
        }
        ParameterDef p;
        p.name = o.value(QLatin1String("name")).toString();
        if (!isIdentifier(p.name))
            fail(member(path, QStringLiteral("name")), QStringLiteral("must be an identifier"));
        p.label = o.value(QLatin1String("label")).toString(p.name);
        const QString type = o.value(QLatin1String("type")).toString();
        if (type == QLatin1String("int"))
            p.type = ParameterDef::Type::Int;
        else if (type == QLatin1String("number"))
            p.type = ParameterDef::Type::Number;
        else if (type == QLatin1String("bool"))
            p.type = ParameterDef::Type::Bool;
        else if (type == QLatin1String("choice"))
            p.type = ParameterDef::Type::Choice;
        else
            fail(member(path, QStringLiteral("type")), QStringLiteral("must be int, number, bool or choice"));
        const QJsonValue def = o.value(QLatin1String("default"));
        switch (p.type) {
        case ParameterDef::Type::Int:
        case ParameterDef::Type::Number:
            p.min = o.value(QLatin1String("min")).toDouble(0);
            p.max = o.value(QLatin1String("max")).toDouble(1);
            p.step = o.value(QLatin1String("step")).toDouble(p.type == ParameterDef::Type::Int ? 1 : 0.5);
            p.defaultValue = def.toDouble(p.min);
            if (!(p.min <= p.defaultValue && p.defaultValue <= p.max) || p.step <= 0 ||
                (p.type == ParameterDef::Type::Int &&
                 (p.min != std::floor(p.min) || p.max != std::floor(p.max) ||
                  p.defaultValue != std::floor(p.defaultValue))))
                fail(path, QStringLiteral("needs min ≤ default ≤ max (whole numbers for int) and step > 0"));
            break;
        case ParameterDef::Type::Bool:
            p.min = 0;
            p.max = 1;
            p.defaultValue = def.toBool() ? 1 : 0;
            break;
        case ParameterDef::Type::Choice: {
            for (const QJsonValue &v : o.value(QLatin1String("choices")).toArray())
                p.choices << v.toString();
            p.defaultValue = double(p.choices.indexOf(def.toString()));
            if (p.choices.isEmpty() || p.defaultValue < 0)
                fail(path, QStringLiteral("needs choices and a default among them"));
            p.defaultValue = std::max(0.0, p.defaultValue);
            p.min = 0;
            p.max = std::max(0, int(p.choices.size()) - 1);
            break;
        }
        }
        for (const QJsonValue &w : o.value(QLatin1String("words")).toArray())
            p.words << w.toString().toLower();
        const QJsonObject values = o.value(QLatin1String("values")).toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (p.type == ParameterDef::Type::Bool
                    ? (it.key() != QLatin1String("true") && it.key() != QLatin1String("false"))
                    : !p.choices.contains(it.key()))
                fail(member(member(path, QStringLiteral("values")), it.key()),
                     QStringLiteral("is not a value of this parameter"));
            QStringList phrases;
            for (const QJsonValue &w : it.value().toArray())
                phrases << w.toString().toLower();
            p.valueWords.insert(it.key(), phrases);
        }
        p.implicit = o.value(QLatin1String("implicit")).toBool(false);
        p.slot = scope.declare(p.name, p.choices);
        c.parameters << p;
    }
}

void RecipeCompiler::words(const QJsonValue &value, Concept &c)
{
    for (const QJsonValue &w : value.toArray()) {
        Phrase phrase;
        if (w.isString()) {
            phrase.text = w.toString().toLower();
        } else {
            const QJsonObject o = w.toObject();
            phrase.text = o.value(QLatin1String("word")).toString().toLower();
            phrase.weak = o.value(QLatin1String("weak")).toBool(false);
            const QJsonObject set = o.value(QLatin1String("set")).toObject();
            for (auto it = set.begin(); it != set.end(); ++it)
                phrase.sets.append({it.key(), it.value().toVariant()});
        }
        if (phrase.text.trimmed().isEmpty())
            fail(QStringLiteral("words"), QStringLiteral("an empty word"));
        else
            c.words << phrase;
    }
    if (c.words.isEmpty())
        fail(QStringLiteral("words"), QStringLiteral("a concept needs at least one word"));
}

std::optional<Concept> RecipeCompiler::compile(const QJsonObject &o, const QString &category)
{
    Concept c;
    c.id = o.value(QLatin1String("id")).toString();
    m_concept = c.id.isEmpty() ? QStringLiteral("(no id)") : c.id;
    const int errorsBefore = int(m_errors.size());
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    if (!idPattern.match(c.id).hasMatch())
        fail(QStringLiteral("id"), QStringLiteral("must be lower-case words joined by '-'"));
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const QStringList known{
            QStringLiteral("id"),       QStringLiteral("name"),       QStringLiteral("role"),
            QStringLiteral("toolType"), QStringLiteral("words"),      QStringLiteral("related"),
            QStringLiteral("tags"),     QStringLiteral("parameters"), QStringLiteral("let"),
            QStringLiteral("variants"), QStringLiteral("subject"),    QStringLiteral("cases"),
            QStringLiteral("refine"),   QStringLiteral("comment")};
        if (!known.contains(it.key()))
            fail(it.key(), QStringLiteral("unknown key"));
    }
    c.name = o.value(QLatin1String("name")).toString();
    if (c.name.isEmpty())
        fail(QStringLiteral("name"), QStringLiteral("is required"));
    c.category = category;
    c.file = m_file;
    const QString role = o.value(QLatin1String("role")).toString(QStringLiteral("subject"));
    if (role == QLatin1String("operation"))
        c.role = Concept::Role::Operation;
    else if (role != QLatin1String("subject"))
        fail(QStringLiteral("role"), QStringLiteral("must be subject or operation"));
    const auto type = IconDesign::toolTypeFromName(o.value(QLatin1String("toolType")).toString());
    if (!type)
        fail(QStringLiteral("toolType"), QStringLiteral("must be drawing, analysis or modification"));
    c.toolType = type.value_or(ToolType::Drawing);
    words(o.value(QLatin1String("words")), c);
    for (const QJsonValue &w : o.value(QLatin1String("related")).toArray())
        c.related << w.toString().toLower();
    for (const QJsonValue &w : o.value(QLatin1String("tags")).toArray())
        c.tags << w.toString();

    Scope root;
    parameters(o.value(QLatin1String("parameters")), c, root);
    c.lets = lets(o.value(QLatin1String("let")), root, QStringLiteral("let"));

    const QJsonArray variants = o.value(QLatin1String("variants")).toArray();
    if (variants.size() != 3)
        fail(QStringLiteral("variants"), QStringLiteral("a concept has exactly three variants"));
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const QString path = item(QStringLiteral("variants"), i);
        const QJsonObject vo = variants.at(i).toObject();
        for (auto it = vo.begin(); it != vo.end(); ++it) {
            static const QStringList known{QStringLiteral("name"), QStringLiteral("compact"),
                                           QStringLiteral("set"), QStringLiteral("let"),
                                           QStringLiteral("draw")};
            if (!known.contains(it.key()))
                fail(member(path, it.key()), QStringLiteral("unknown key"));
        }
        Variant v;
        v.name = vo.value(QLatin1String("name")).toString();
        if (v.name.isEmpty())
            fail(member(path, QStringLiteral("name")), QStringLiteral("is required"));
        v.compact = vo.value(QLatin1String("compact")).toBool(false);
        const QJsonObject set = vo.value(QLatin1String("set")).toObject();
        for (auto it = set.begin(); it != set.end(); ++it) {
            const ParameterDef *p = c.parameter(it.key());
            if (!p) {
                fail(member(member(path, QStringLiteral("set")), it.key()),
                     QStringLiteral("is not a parameter"));
                continue;
            }
            double value = 0;
            if (p->type == ParameterDef::Type::Choice)
                value = double(p->choices.indexOf(it.value().toString()));
            else if (it.value().isBool())
                value = it.value().toBool() ? 1 : 0;
            else
                value = it.value().toDouble(std::nan(""));
            if (!(value >= p->min && value <= p->max))
                fail(member(member(path, QStringLiteral("set")), it.key()),
                     QStringLiteral("is outside the parameter's range"));
            v.defaults.append({p->slot, Expression::constant(value)});
        }
        Scope scope(&root);
        auto draw = std::make_shared<Program>();
        if (vo.contains(QLatin1String("let"))) {
            Step let;
            let.kind = Step::Kind::Let;
            let.lets = lets(vo.value(QLatin1String("let")), scope, member(path, QStringLiteral("let")));
            draw->steps << let;
        }
        draw->steps
            << program(vo.value(QLatin1String("draw")), scope, member(path, QStringLiteral("draw")))->steps;
        v.draw = draw;
        c.variants << v;
    }
    if (c.role == Concept::Role::Operation) {
        const QJsonObject subject = o.value(QLatin1String("subject")).toObject();
        c.defaultSubject = subject.value(QLatin1String("default")).toString();
        for (const QJsonValue &a : subject.value(QLatin1String("accepts")).toArray())
            c.accepts << a.toString();
        if (c.defaultSubject.isEmpty())
            fail(QStringLiteral("subject.default"),
                 QStringLiteral("an operation names the subject it shows by default"));
    } else if (o.contains(QLatin1String("subject"))) {
        fail(QStringLiteral("subject"), QStringLiteral("only operations have a subject"));
    }
    const QJsonObject cases = o.value(QLatin1String("cases")).toObject();
    for (auto it = cases.begin(); it != cases.end(); ++it)
        c.cases.insert(it.key(), it.value().toString());
    const QJsonObject refine = o.value(QLatin1String("refine")).toObject();
    for (auto it = refine.begin(); it != refine.end(); ++it)
        c.refines.insert(it.key(), it.value().toString());
    c.slotCount = root.slotCount();
    if (m_errors.size() > errorsBefore)
        return std::nullopt;
    return c;
}

} // namespace vocab
