#include "vocabulary/expression.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numbers>

namespace vocab {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kMaxDepth = 48;
constexpr int kMaxNodes = 512;

struct Function
{
    const char *name;
    int minArgs, maxArgs;
};

// Index = function id in Expression::Node::function.
constexpr Function kFunctions[] = {
    {"sin", 1, 1},  {"cos", 1, 1},   {"tan", 1, 1},   {"asin", 1, 1},  {"acos", 1, 1},
    {"atan", 1, 1}, {"atan2", 2, 2}, {"sqrt", 1, 1},  {"abs", 1, 1},   {"min", 2, 8},
    {"max", 2, 8},  {"floor", 1, 1}, {"ceil", 1, 1},  {"round", 1, 1}, {"clamp", 3, 3},
    {"pow", 2, 2},  {"lerp", 3, 3},  {"pick", 2, 32}, {"sign", 1, 1},
};

int functionId(QStringView name)
{
    for (int i = 0; i < int(std::size(kFunctions)); ++i) {
        if (name == QLatin1String(kFunctions[i].name))
            return i;
    }
    return -1;
}

} // namespace

Scope::Scope(Scope *parent)
    : m_parent(parent)
    , m_next(parent ? parent->m_next : std::make_shared<int>(0))
{}

int Scope::declare(const QString &name, const QStringList &choices)
{
    const int slot = (*m_next)++;
    m_slots.insert(name, slot);
    if (!choices.isEmpty())
        m_choices.insert(name, choices);
    return slot;
}

std::optional<int> Scope::find(const QString &name) const
{
    for (const Scope *s = this; s; s = s->m_parent) {
        const auto it = s->m_slots.find(name);
        if (it != s->m_slots.end())
            return *it;
    }
    return std::nullopt;
}

QStringList Scope::choicesOf(const QString &name) const
{
    for (const Scope *s = this; s; s = s->m_parent) {
        if (s->m_slots.contains(name))
            return s->m_choices.value(name);
    }
    return {};
}

// Recursive descent over the text; each level of precedence one function.
class ExpressionParser
{
public:
    ExpressionParser(const QString &text, const Scope &scope, Expression &out)
        : m_text(text)
        , m_scope(scope)
        , m_out(out)
    {}

    bool run(QString *error)
    {
        const int root = ternary(0);
        skipSpace();
        if (m_error.isEmpty() && m_pos < m_text.size())
            fail(QStringLiteral("unexpected '%1'").arg(m_text.at(m_pos)));
        if (!m_error.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1 at %2 in \"%3\"").arg(m_error).arg(m_pos).arg(m_text.left(80));
            return false;
        }
        m_out.m_root = root;
        return true;
    }

private:
    using Op = Expression::Op;

    int add(Expression::Node n)
    {
        if (m_out.m_nodes.size() >= kMaxNodes) {
            fail(QStringLiteral("expression too long"));
            return 0;
        }
        m_out.m_nodes.append(std::move(n));
        return int(m_out.m_nodes.size() - 1);
    }
    int binary(Op op, int a, int b) { return add({op, 0, -1, -1, {a, b}}); }
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    bool accept(QLatin1StringView token)
    {
        skipSpace();
        if (QStringView(m_text).mid(m_pos).startsWith(token)) {
            m_pos += token.size();
            return true;
        }
        return false;
    }
    bool guard(int depth)
    {
        if (depth > kMaxDepth) {
            fail(QStringLiteral("expression nested too deeply"));
            return false;
        }
        return m_error.isEmpty();
    }

    int ternary(int depth)
    {
        if (!guard(depth))
            return 0;
        const int c = logicalOr(depth + 1);
        if (accept(QLatin1StringView("?"))) {
            const int a = ternary(depth + 1);
            if (!accept(QLatin1StringView(":")))
                fail(QStringLiteral("expected ':'"));
            const int b = ternary(depth + 1);
            return add({Op::Conditional, 0, -1, -1, {c, a, b}});
        }
        return c;
    }
    // One level of left-associative binary operators: operand (operator operand)*, the operands parsed by
    // the next tighter level.
    int binaryLevel(int depth, std::initializer_list<std::pair<const char *, Op>> operators,
                    int (ExpressionParser::*operand)(int))
    {
        int a = (this->*operand)(depth + 1);
        while (m_error.isEmpty()) {
            const auto match = std::find_if(operators.begin(), operators.end(), [this](const auto &o) {
                return accept(QLatin1StringView(o.first));
            });
            if (match == operators.end())
                break;
            a = binary(match->second, a, (this->*operand)(depth + 1));
        }
        return a;
    }
    int logicalOr(int depth) { return binaryLevel(depth, {{"||", Op::Or}}, &ExpressionParser::logicalAnd); }
    int logicalAnd(int depth) { return binaryLevel(depth, {{"&&", Op::And}}, &ExpressionParser::comparison); }
    int comparison(int depth)
    {
        skipSpace();
        const qsizetype leftStart = m_pos;
        const int a = sum(depth + 1);
        const QString leftName = m_lastName;
        const bool leftIsName = m_lastWasName && m_lastNameStart == leftStart;
        static const std::pair<const char *, Op> ops[] = {{"<=", Op::LessEqual}, {">=", Op::GreaterEqual},
                                                          {"==", Op::Equal},     {"!=", Op::NotEqual},
                                                          {"<", Op::Less},       {">", Op::Greater}};
        for (const auto &[token, op] : ops) {
            if (accept(QLatin1StringView(token))) {
                skipSpace();
                int b;
                if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('\'')) {
                    // 'name' of a choice parameter: compare with its index.
                    const qsizetype end = m_text.indexOf(QLatin1Char('\''), m_pos + 1);
                    if (end < 0) {
                        fail(QStringLiteral("unterminated quote"));
                        return a;
                    }
                    const QString name = m_text.mid(m_pos + 1, end - m_pos - 1);
                    m_pos = end + 1;
                    const QStringList choices = leftIsName ? m_scope.choicesOf(leftName) : QStringList();
                    const qsizetype index = choices.indexOf(name);
                    if (index < 0) {
                        fail(QStringLiteral("'%1' is not a choice of %2")
                                 .arg(name, leftIsName ? leftName : QStringLiteral("the left side")));
                        return a;
                    }
                    b = add({Op::Number, double(index), -1, -1, {}});
                } else {
                    b = sum(depth + 1);
                }
                return binary(op, a, b);
            }
        }
        return a;
    }
    int sum(int depth)
    {
        return binaryLevel(depth, {{"+", Op::Add}, {"-", Op::Subtract}}, &ExpressionParser::product);
    }
    int product(int depth)
    {
        return binaryLevel(depth, {{"*", Op::Multiply}, {"/", Op::Divide}, {"%", Op::Modulo}},
                           &ExpressionParser::unary);
    }
    int unary(int depth)
    {
        if (!guard(depth))
            return 0;
        if (accept(QLatin1StringView("-")))
            return add({Op::Negate, 0, -1, -1, {unary(depth + 1)}});
        if (accept(QLatin1StringView("!")))
            return add({Op::Not, 0, -1, -1, {unary(depth + 1)}});
        const int base = primary(depth + 1);
        if (accept(QLatin1StringView("^")))
            return binary(Op::Power, base, unary(depth + 1));
        return base;
    }
    int primary(int depth)
    {
        if (!guard(depth))
            return 0;
        skipSpace();
        m_lastWasName = false;
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("unexpected end"));
            return 0;
        }
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('(')) {
            ++m_pos;
            const int inner = ternary(depth + 1);
            if (!accept(QLatin1StringView(")")))
                fail(QStringLiteral("expected ')'"));
            return inner;
        }
        if (c.isDigit() || c == QLatin1Char('.')) {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() &&
                   (m_text.at(m_pos).isDigit() || m_text.at(m_pos) == QLatin1Char('.')))
                ++m_pos;
            if (m_pos < m_text.size() &&
                (m_text.at(m_pos) == QLatin1Char('e') || m_text.at(m_pos) == QLatin1Char('E'))) {
                ++m_pos;
                if (m_pos < m_text.size() &&
                    (m_text.at(m_pos) == QLatin1Char('-') || m_text.at(m_pos) == QLatin1Char('+')))
                    ++m_pos;
                while (m_pos < m_text.size() && m_text.at(m_pos).isDigit())
                    ++m_pos;
            }
            bool ok = false;
            const double v = m_text.mid(start, m_pos - start).toDouble(&ok);
            if (!ok || !std::isfinite(v))
                fail(QStringLiteral("bad number"));
            return add({Op::Number, v, -1, -1, {}});
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() &&
                   (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == QLatin1Char('_') ||
                    m_text.at(m_pos) == QLatin1Char('.')))
                ++m_pos;
            const QString name = m_text.mid(start, m_pos - start);
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('(')) {
                ++m_pos;
                const int f = functionId(name);
                if (f < 0) {
                    fail(QStringLiteral("unknown function '%1'").arg(name));
                    return 0;
                }
                QList<int> args;
                if (!accept(QLatin1StringView(")"))) {
                    do {
                        args << ternary(depth + 1);
                    } while (m_error.isEmpty() && accept(QLatin1StringView(",")));
                    if (!accept(QLatin1StringView(")")))
                        fail(QStringLiteral("expected ')'"));
                }
                if (args.size() < kFunctions[f].minArgs || args.size() > kFunctions[f].maxArgs)
                    fail(QStringLiteral("%1() takes %2 to %3 arguments")
                             .arg(name)
                             .arg(kFunctions[f].minArgs)
                             .arg(kFunctions[f].maxArgs));
                return add({Op::Call, 0, -1, f, args});
            }
            if (name == QLatin1String("pi"))
                return add({Op::Number, std::numbers::pi, -1, -1, {}});
            if (name == QLatin1String("true") || name == QLatin1String("false"))
                return add({Op::Number, name == QLatin1String("true") ? 1.0 : 0.0, -1, -1, {}});
            const auto slot = m_scope.find(name);
            if (!slot) {
                m_pos = start; // point at the name, not past it
                fail(QStringLiteral("unknown variable '%1'").arg(name));
                return 0;
            }
            m_lastWasName = true;
            m_lastName = name;
            m_lastNameStart = start;
            return add({Op::Variable, 0, *slot, -1, {}});
        }
        fail(QStringLiteral("unexpected '%1'").arg(c));
        return 0;
    }

    const QString &m_text;
    const Scope &m_scope;
    Expression &m_out;
    qsizetype m_pos = 0;
    QString m_error;
    bool m_lastWasName = false;
    QString m_lastName;
    qsizetype m_lastNameStart = -1;
};

Expression Expression::constant(double value)
{
    Expression e;
    e.m_nodes.append({Op::Number, value, -1, -1, {}});
    return e;
}

std::optional<Expression> Expression::compile(const QString &text, const Scope &scope, QString *error)
{
    Expression e;
    if (!ExpressionParser(text, scope, e).run(error))
        return std::nullopt;
    // Fold a tree without variables into one number.
    bool variable = false;
    for (const Node &n : std::as_const(e.m_nodes))
        variable = variable || n.op == Op::Variable;
    if (!variable && e.m_nodes.size() > 1)
        return constant(e.evaluate({}));
    return e;
}

double Expression::evaluate(const Env &env) const
{
    if (m_nodes.isEmpty())
        return 0;
    return eval(m_root, env);
}

double Expression::eval(int index, const Env &env) const
{
    const Node &n = m_nodes.at(index);
    const auto arg = [&](int i) { return eval(n.args.at(i), env); };
    switch (n.op) {
    case Op::Number:
        return n.value;
    case Op::Variable:
        return n.slot < env.size() ? env.at(n.slot) : 0.0;
    case Op::Negate:
        return -arg(0);
    case Op::Not:
        return arg(0) == 0 ? 1 : 0;
    case Op::Add:
        return arg(0) + arg(1);
    case Op::Subtract:
        return arg(0) - arg(1);
    case Op::Multiply:
        return arg(0) * arg(1);
    case Op::Divide:
        return arg(0) / arg(1);
    case Op::Modulo: {
        const double a = arg(0), b = arg(1);
        return a - b * std::floor(a / b); // the sign of the divisor, so i % n cycles for negative i
    }
    case Op::Power:
        return std::pow(arg(0), arg(1));
    case Op::Less:
        return arg(0) < arg(1);
    case Op::LessEqual:
        return arg(0) <= arg(1);
    case Op::Greater:
        return arg(0) > arg(1);
    case Op::GreaterEqual:
        return arg(0) >= arg(1);
    case Op::Equal:
        return std::abs(arg(0) - arg(1)) < 1e-9;
    case Op::NotEqual:
        return std::abs(arg(0) - arg(1)) >= 1e-9;
    case Op::And:
        return arg(0) != 0 && arg(1) != 0;
    case Op::Or:
        return arg(0) != 0 || arg(1) != 0;
    case Op::Conditional:
        return arg(0) != 0 ? arg(1) : arg(2);
    case Op::Call:
        switch (n.function) {
        case 0:
            return std::sin(arg(0) * kDeg);
        case 1:
            return std::cos(arg(0) * kDeg);
        case 2:
            return std::tan(arg(0) * kDeg);
        case 3:
            return std::asin(arg(0)) / kDeg;
        case 4:
            return std::acos(arg(0)) / kDeg;
        case 5:
            return std::atan(arg(0)) / kDeg;
        case 6:
            return std::atan2(arg(0), arg(1)) / kDeg;
        case 7:
            return std::sqrt(arg(0));
        case 8:
            return std::abs(arg(0));
        case 9:
        case 10: {
            double v = arg(0);
            for (qsizetype i = 1; i < n.args.size(); ++i)
                v = n.function == 9 ? std::min(v, arg(int(i))) : std::max(v, arg(int(i)));
            return v;
        }
        case 11:
            return std::floor(arg(0));
        case 12:
            return std::ceil(arg(0));
        case 13:
            return std::round(arg(0));
        case 14:
            return std::clamp(arg(0), std::min(arg(1), arg(2)), std::max(arg(1), arg(2)));
        case 15:
            return std::pow(arg(0), arg(1));
        case 16:
            return arg(0) + (arg(1) - arg(0)) * arg(2);
        case 17: { // pick(i, a, b, …): the i-th of the rest, clamped
            const qsizetype count = n.args.size() - 1;
            const double i = arg(0);
            const qsizetype k =
                std::isfinite(i) ? std::clamp<qsizetype>(qsizetype(std::floor(i)), 0, count - 1) : 0;
            return arg(int(k + 1));
        }
        case 18: {
            const double v = arg(0);
            return v > 0 ? 1 : v < 0 ? -1 : 0;
        }
        default:
            break;
        }
        break;
    }
    return std::nan("");
}

} // namespace vocab
