#pragma once

#include "vocabulary/recipe.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace vocab {

// Compiles one concept of a recipe file into its executable form: expressions resolved to slots,
// templates split into constants and expressions, programs into steps. Reports every problem with
// its place in the file ("gear: variants[1].draw[3].points[2]: unknown variable 'r0' at 2 …").
class RecipeCompiler
{
public:
    RecipeCompiler(QStringList &errors, QString file)
        : m_errors(errors)
        , m_file(std::move(file))
    {}

    std::optional<Concept> compile(const QJsonObject &object, const QString &category);

private:
    void fail(const QString &path, const QString &message);
    std::optional<Expression> expression(const QJsonValue &value, const Scope &scope, const QString &path);
    Template compileTemplate(const QJsonValue &value, const QString &key, Scope &scope, const QString &path);
    std::shared_ptr<Program> program(const QJsonValue &value, Scope &scope, const QString &path);
    Step step(const QJsonObject &object, Scope &scope, const QString &path);
    QList<std::pair<int, Expression>> lets(const QJsonValue &value, Scope &scope, const QString &path);
    void parameters(const QJsonValue &value, Concept &owner, Scope &scope);
    void words(const QJsonValue &value, Concept &owner);

    QStringList &m_errors;
    QString m_file;
    QString m_concept;
};

} // namespace vocab
