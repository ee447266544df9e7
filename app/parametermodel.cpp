#include "parametermodel.h"

#include <cmath>

ParameterModel::ParameterModel(QObject *parent)
    : ListModel(parent)
{
    setRoles(
        {
            {NameRole, "name", field(m_specs, [](const scene::ParameterSpec &p) { return p.name; })},
            {LabelRole, "label",
             field(m_specs,
                   [](const scene::ParameterSpec &p) {
                       return p.label.isEmpty() ? p.name.section(QLatin1Char('.'), -1) : p.label;
                   })},
            {TypeRole, "type",
             field(m_specs,
                   [](const scene::ParameterSpec &p) { return scene::ParameterSpec::typeName(p.type); })},
            {MinimumRole, "minimum", field(m_specs, [](const scene::ParameterSpec &p) { return p.min; })},
            {MaximumRole, "maximum", field(m_specs, [](const scene::ParameterSpec &p) { return p.max; })},
            {StepRole, "step",
             field(m_specs, [](const scene::ParameterSpec &p) { return p.step > 0 ? p.step : 1.0; })},
            {DecimalsRole, "decimals",
             field(m_specs,
                   [](const scene::ParameterSpec &p) {
                       return p.type == scene::ParameterSpec::Type::Number
                                  ? decimalsFor(p.step > 0 ? p.step : 1.0)
                                  : 0;
                   })},
            {DefaultRole, "defaultValue",
             field(m_specs, [](const scene::ParameterSpec &p) { return p.defaultValue; })},
            {ValueRole, "value",
             field(m_specs,
                   [this](const scene::ParameterSpec &p) { return m_values.value(p.name, p.defaultValue); })},
            {SavedValueRole, "savedValue",
             field(m_specs,
                   [this](const scene::ParameterSpec &p) { return m_saved.value(p.name, p.defaultValue); })},
            {EditedRole, "edited",
             field(m_specs,
                   [this](const scene::ParameterSpec &p) {
                       return m_values.value(p.name, p.defaultValue) != m_saved.value(p.name, p.defaultValue);
                   })},
            {ChoicesRole, "choices", field(m_specs, [](const scene::ParameterSpec &p) { return p.choices; })},
            {ValueTextRole, "valueText",
             field(m_specs,
                   [this](const scene::ParameterSpec &p) {
                       return valueText(p, m_values.value(p.name, p.defaultValue));
                   })},
        },
        LabelRole);
}

int ParameterModel::decimalsFor(double step)
{
    for (int d = 0; d < 4; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6)
            return d;
    }
    return 4;
}

QString ParameterModel::valueText(const scene::ParameterSpec &spec, const QVariant &value)
{
    switch (spec.type) {
    case scene::ParameterSpec::Type::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case scene::ParameterSpec::Type::Choice:
        return value.toString();
    case scene::ParameterSpec::Type::Int:
        return QString::number(qRound64(value.toDouble()));
    case scene::ParameterSpec::Type::Number:
        break;
    }
    QString text = QString::number(value.toDouble(), 'f', decimalsFor(spec.step));
    return text;
}

int ParameterModel::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        if (m_specs.at(i).name == name)
            return int(i);
    }
    return -1;
}

QVariantMap ParameterModel::get(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= m_specs.size())
        return out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return out;
}

void ParameterModel::setParameters(const QList<scene::ParameterSpec> &specs, const QVariantMap &values,
                                   const QVariantMap &savedValues)
{
    const bool sameSchema = [&] {
        if (specs.size() != m_specs.size())
            return false;
        for (qsizetype i = 0; i < specs.size(); ++i) {
            if (specs.at(i).toJson() != m_specs.at(i).toJson())
                return false;
        }
        return true;
    }();
    if (sameSchema) {
        updateValues(values, savedValues);
        return;
    }
    const bool countChanges = specs.size() != m_specs.size();
    beginResetModel();
    m_specs = specs;
    m_values = values;
    m_saved = savedValues;
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

void ParameterModel::updateValues(const QVariantMap &values, const QVariantMap &savedValues)
{
    const QVariantMap before = m_values, savedBefore = m_saved;
    m_values = values;
    m_saved = savedValues;
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        const QString &name = m_specs.at(i).name;
        if (before.value(name) != values.value(name) || savedBefore.value(name) != savedValues.value(name))
            Q_EMIT dataChanged(index(int(i)), index(int(i)),
                               {ValueRole, SavedValueRole, EditedRole, ValueTextRole});
    }
}

void ParameterModel::clear()
{
    setParameters({}, {}, {});
}
