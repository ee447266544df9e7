#pragma once

#include "icons/icondesign.h"
#include "vocabulary/expression.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>

// The compiled form of recipe files (docs/vocabulary.md): concepts with their words, parameters and
// drawing programs. Built once when the vocabulary loads; read-only afterwards (shared by threads).
namespace vocab {

struct Program;

// A JSON template whose strings may be expressions: evaluating it gives scene JSON.
struct Template
{
    enum class Kind {
        Constant, // any JSON value, copied
        Number,   // an expression → number
        Boolean,  // an expression → true/false
        Text,     // a string with {expression} parts
        Array,    // items evaluated in turn; point generators expand in place
        Object,   // keys evaluated; "if" drops the object when false
        Points,   // {"for": "k", "count": …, "let": {…}, "point": [x, y(, z)]}
        Polar,    // {"polar": [cx, cy, r, angle]} → [x, y]
        Grid,     // {"grid": [rows, cols], "value": …} → rows of numbers (r, c bound)
        Program,  // a group's "elements" or a view's "objects": steps that may repeat, let, if, use
    };
    Kind kind = Kind::Constant;
    QJsonValue constant;
    Expression expression;
    QList<std::pair<QString, std::optional<Expression>>> text; // literal or expression parts
    QList<QString> keys;                                       // Object
    QList<Template> children;                                  // Array items, Object values, Points point
    std::optional<Expression> condition;                       // Object "if"
    // Points / Grid
    int loopSlot = -1, loopSlot2 = -1;
    Expression count, count2;
    QList<std::pair<int, Expression>> lets;
    std::shared_ptr<Program> program; // Program
};

// One step of a drawing program.
struct Step
{
    enum class Kind { Element, Let, Repeat, If, Use };
    Kind kind = Kind::Element;
    Template element;                         // Element
    QList<std::pair<int, Expression>> lets;   // Let
    Expression count;                         // Repeat
    int loopSlot = -1;                        // Repeat
    Expression condition;                     // If
    std::shared_ptr<Program> body, otherwise; // Repeat/If bodies
    // Use
    QString target;                            // a concept id, or "subject"
    QString variant;                           // "", "0".."2" or "compact"
    QList<std::pair<QString, Expression>> set; // parameters of the used concept
    std::optional<Template> fit;               // [x0, y0, x1, y1]
    std::optional<Template> transform;
    QString layer; // forced layer, "" = keep
    bool grips = false, guides = false;
    int asSlot = -1; // first of 8 slots: x0 y0 x1 y1 cx cy w h of the placed drawing
};

struct Program
{
    QList<Step> steps;
};

struct ParameterDef
{
    enum class Type { Int, Number, Bool, Choice };
    QString name;
    QString label;
    Type type = Type::Number;
    double min = 0, max = 1, step = 1;
    double defaultValue = 0; // Choice: index; Bool: 0/1
    QStringList choices;
    QStringList words;                      // "teeth", "tooth": a number next to them sets this parameter
    QHash<QString, QStringList> valueWords; // "true": ["closed"], "top": ["plan view"] …
    bool implicit = false;                  // a lone number in the prompt sets it ("polygon 7")
    int slot = -1;
};

// A parameter's value as scenes and interpretations write it: int, number (1/1000), bool or choice name.
QJsonValue parameterJson(const ParameterDef &parameter, double value);

struct Variant
{
    QString name;
    bool compact = false;                       // the depiction used when drawn small inside another
    QList<std::pair<int, Expression>> defaults; // parameter defaults of this variant (user values win)
    std::shared_ptr<Program> draw;
};

struct Phrase
{
    QString text;                             // as written in the recipe
    bool weak = false;                        // generic verbs ("measure", "make"): lose to any specific word
    QList<std::pair<QString, QVariant>> sets; // "hexagon" → sides = 6
};

struct Concept
{
    enum class Role { Subject, Operation };
    QString id;
    QString name;
    QString category;
    QString file;
    Role role = Role::Subject;
    ToolType toolType = ToolType::Drawing;
    QList<Phrase> words;
    QStringList related; // understood but carry nothing ("corner" for chamfer)
    QStringList tags;
    QList<ParameterDef> parameters;
    QList<std::pair<int, Expression>> lets; // concept-wide definitions, evaluated before each variant
    QList<Variant> variants;                // exactly three
    int slotCount = 0;
    // Operations
    QString defaultSubject;
    QStringList accepts;             // concept ids or tags; "any"
    QHash<QString, QString> cases;   // subject id or tag → the concept that draws the combination
    QHash<QString, QString> refines; // qualifier id → a more specific concept ("along-curve" → array-curve)

    const ParameterDef *parameter(const QString &name) const;
    bool hasTag(const QString &tag) const { return tags.contains(tag); }
};

// Words that are not concepts: qualifiers, fillers, number words, abbreviations and workbench
// prefixes (vocabulary/language.json).
struct Language
{
    struct Qualifier
    {
        QString id;
        QStringList phrases;
    };
    QList<Qualifier> qualifiers;
    QStringList fillers; // dropped before matching
    QStringList generic; // "make", "create": kept for phrases ("make 2d"), never reported as ignored
    QHash<QString, QString> abbreviations; // "crv" → "curve"
    QHash<QString, QString> irregular;     // plural → singular ("teeth" → "tooth")
    QHash<QString, QString> prefixes;      // Workbench_Command prefixes → words they add ("part" → "3d")
    QStringList examples;                  // suggested when nothing in a prompt resembles the vocabulary
    QStringList categories;                // the order concepts are listed in (sheet, docs)
};

} // namespace vocab
