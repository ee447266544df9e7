#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// The small expression language of recipes: numbers, variables, + − × ÷ % ^, comparisons, && || !,
// c ? a : b, and functions (sin cos tan asin acos atan atan2 in degrees, sqrt abs min max floor ceil
// round clamp pow lerp pick sign). A choice parameter compares with a quoted name ('top'). Compiled
// once when the vocabulary loads (variables resolved to slots), evaluated many times.
namespace vocab {

// Names visible to an expression, resolved to slots of an Env when compiling.
class Scope
{
public:
    explicit Scope(Scope *parent = nullptr);
    // A new variable in this scope (shadowing outer ones); returns its slot.
    int declare(const QString &name, const QStringList &choices = {});
    std::optional<int> find(const QString &name) const;
    QStringList choicesOf(const QString &name) const;
    int slotCount() const { return *m_next; }

private:
    Scope *m_parent;
    std::shared_ptr<int> m_next; // shared by the whole scope chain
    QHash<QString, int> m_slots;
    QHash<QString, QStringList> m_choices;
};

using Env = QList<double>;

class Expression
{
public:
    Expression() = default;
    static Expression constant(double value);
    // Compiles `text`; on failure returns nullopt and sets `error` ("unknown variable 'x' at 4").
    static std::optional<Expression> compile(const QString &text, const Scope &scope, QString *error);

    double evaluate(const Env &env) const; // NaN for nonsense (0/0); callers validate
    bool isConstant() const { return m_nodes.size() == 1 && m_nodes.first().op == Op::Number; }

private:
    enum class Op {
        Number,
        Variable,
        Negate,
        Not,
        Add,
        Subtract,
        Multiply,
        Divide,
        Modulo,
        Power,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Equal,
        NotEqual,
        And,
        Or,
        Conditional,
        Call,
    };
    struct Node
    {
        Op op = Op::Number;
        double value = 0; // Number
        int slot = -1;    // Variable
        int function = -1;
        QList<int> args; // child node indices
    };
    double eval(int node, const Env &env) const;
    friend class ExpressionParser;

    QList<Node> m_nodes;
    int m_root = 0;
};

} // namespace vocab
