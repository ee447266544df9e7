#pragma once

#include "scene/scene.h"

#include "listmodel.h"
#include <QQmlEngine>
#include <QVariantMap>

// The parameters of the current icon variant, one row each, from its scene's parameter schema: the
// Inspector builds a control per row (spin box and slider for whole numbers, slider for numbers, a
// switch for yes/no, a selector for choices). Values change in place (dataChanged), so a control being
// dragged keeps its state; a new icon or variant resets the rows. Exposed as Studio.editor.parameters.
class ParameterModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.editor.parameters")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, // "gear.teeth"
        LabelRole,                   // "Teeth"
        TypeRole,                    // "int" | "number" | "bool" | "choice"
        MinimumRole,
        MaximumRole,
        StepRole,
        DecimalsRole, // digits after the point that the step needs (0 for int)
        DefaultRole,
        ValueRole,      // the value drawn now
        SavedValueRole, // the value the server has
        EditedRole,     // value ≠ saved value
        ChoicesRole,    // QStringList (choice)
        ValueTextRole,  // "12", "2.5", "yes", "top"
    };
    Q_ENUM(Role)

    explicit ParameterModel(QObject *parent = nullptr);

    int count() const { return int(m_specs.size()); }

    Q_INVOKABLE int indexOf(const QString &name) const;
    Q_INVOKABLE QVariantMap get(int row) const; // every role by name

    // A new schema (other icon or variant): the rows are rebuilt.
    void setParameters(const QList<scene::ParameterSpec> &specs, const QVariantMap &values,
                       const QVariantMap &savedValues);
    // The same schema with other values: only the rows that changed are updated.
    void updateValues(const QVariantMap &values, const QVariantMap &savedValues);
    void clear();

    static int decimalsFor(double step);
    static QString valueText(const scene::ParameterSpec &spec, const QVariant &value);

Q_SIGNALS:
    void countChanged();

protected:
    int size() const override { return int(m_specs.size()); }

private:
    QList<scene::ParameterSpec> m_specs;
    QVariantMap m_values;
    QVariantMap m_saved;
};
