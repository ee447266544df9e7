#include "listmodel.h"

int ListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

QVariant ListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto found = m_roleIndex.constFind(role);
    return found == m_roleIndex.cend() ? QVariant() : m_roles.at(*found).value(index.row());
}

QHash<int, QByteArray> ListModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (const Role &role : m_roles)
        names.insert(role.id, role.name);
    return names;
}

void ListModel::setRoles(QList<Role> roles, int displayRole)
{
    m_roles = std::move(roles);
    m_roleIndex.clear();
    for (qsizetype i = 0; i < m_roles.size(); ++i) {
        m_roleIndex.insert(m_roles.at(i).id, i);
        if (m_roles.at(i).id == displayRole)
            m_roleIndex.insert(Qt::DisplayRole, i);
    }
}
