#pragma once

#include "vocabulary/vocabulary.h"

#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace vocab {

// What to draw: a concept's variant with parameter values; for an operation, the subject it acts on.
struct BuildInput
{
    const Concept *owner = nullptr;
    const Concept *subject = nullptr;     // operations only; null → the operation's default subject
    int variant = 0;                      // 0..2
    QHash<QString, double> values;        // the concept's parameters (choice: index, bool: 0/1)
    QHash<QString, double> subjectValues; // the subject's parameters
};

struct BuildOutput
{
    QJsonArray elements;                  // scene elements (JSON, to be validated by SceneParser)
    QStringList errors;                   // recipe bugs found while drawing (a bad "use", too many elements)
    QHash<QString, double> values;        // every parameter of the concept as drawn
    QHash<QString, double> subjectValues; // and of the subject
    bool subjectDrawn = false;            // the operation drew its subject (not just its own depiction)
};

// Runs a concept's drawing program: evaluates its templates with the parameter values, expands
// repeats and point lists, draws used concepts (and the subject) into their places.
namespace SceneBuilder {
BuildOutput build(const Vocabulary &vocabulary, const BuildInput &input);
// A parameter value as the user may give it, clamped to the parameter's range (ints rounded).
double clampValue(const ParameterDef &parameter, double value);
} // namespace SceneBuilder

} // namespace vocab
