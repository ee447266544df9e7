#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// One toolbar set as stored: its style and the ids of its icons in toolbar order.
struct ToolbarSet
{
    QString id;
    QString name;
    QString colorMode; // "dark" | "light": the ink of the set's icons
    QStringList iconIds;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// The SQL of toolbar_sets and toolbar_set_icons (migration 0008). Scoped to the owner: another user's
// set does not exist. Runs on a Database pool thread; failures throw DbError (a second set of the same
// name is 23505 → 409).
namespace SetRepository {

void insert(const QSqlDatabase &db, const QString &userId, const ToolbarSet &set);
QList<ToolbarSet> list(const QSqlDatabase &db, const QString &userId);
// Locks the set row for the rest of the transaction when `lock`.
std::optional<ToolbarSet> find(const QSqlDatabase &db, const QString &userId, const QString &id,
                               bool lock = false);
void update(const QSqlDatabase &db, const ToolbarSet &set);
void replaceIcons(const QSqlDatabase &db, const QString &setId, const QStringList &iconIds);
bool remove(const QSqlDatabase &db, const QString &userId, const QString &id);

} // namespace SetRepository
