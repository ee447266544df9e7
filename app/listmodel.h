#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <functional>

// A flat list of rows for QML, described by data: a subclass gives the number of rows and a table of
// its roles (the name QML reads and how to read it from a row); rowCount(), data() and roleNames()
// follow from that. A subclass keeps its own count, loading and error properties.
class ListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role) const final;
    QHash<int, QByteArray> roleNames() const final;

protected:
    struct Role
    {
        int id;
        QByteArray name;                        // what QML calls it
        std::function<QVariant(int row)> value; // `row` is always in [0, size())
    };
    // Called once, by the subclass's constructor; `displayRole` (one of the ids) also answers
    // Qt::DisplayRole.
    void setRoles(QList<Role> roles, int displayRole);
    // The value of a role read from the row's item in `items` (the subclass's list, which outlives
    // the role): {IdRole, "id", field(m_items, [](const Item &i) { return i.id; })}.
    template<typename Item, typename Get>
    static std::function<QVariant(int)> field(const QList<Item> &items, Get get)
    {
        return [&items, get](int row) { return QVariant(get(items.at(row))); };
    }
    virtual int size() const = 0;

private:
    QList<Role> m_roles;
    QHash<int, qsizetype> m_roleIndex; // role id → m_roles
};
