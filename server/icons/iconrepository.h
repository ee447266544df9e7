#pragma once

#include "api/icon.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// An icon and its variants as the API carries them (shared/api): the `assets` row plus the columns of
// migration 0003. `interpretation` is empty when the row's is NULL.
using IconVariant = api::IconVariant;
using Icon = api::Icon;

// How an icon is answered. PostgreSQL writes the JSON (IconRepository's one definition of each
// shape), so the server passes the bytes through without decoding them.
//   One icon (POST, GET/PATCH /api/icons/{id}; not a list view):
//              {id, svg, variants:[{id,name,svg,warnings[,scene]}], prompt, intent, colorMode,
//               favorite, source, selectedVariant, interpretation, createdAt, updatedAt}; `svg` is the
//               first variant (the original's {id, svg}); scenes only from the built-in engine.
//   Full:      the same without the scenes (a page shows SVGs, and scenes are most of the bytes).
//   Thumbnail: {id, prompt, intent, colorMode, favorite, source, selectedVariant, variantCount,
//               selected:{id,name,svg,warnings}, createdAt, updatedAt}: the variant a list shows;
//               the others and the interpretation come from GET /api/icons/{id}.
using IconView = api::IconView;

struct IconPage
{
    QList<QByteArray> icons; // JSON objects, newest first
    qint64 total = 0;
};

struct IconListFilter
{
    int limit = 20;
    int offset = 0;
    std::optional<bool> favorite; // nullopt: all; true: favourites; false: the others
    QString search;               // empty: none; else case-insensitive substring of the prompt
    IconView view = IconView::Full;
};

// The SQL of the icons domain. Every read and write is scoped to the owner and to live rows, so an
// id of another user or a deleted icon simply does not exist (→ 404, never 403). Runs on a Database
// pool thread with that thread's connection; failures throw DbError.
namespace IconRepository {

// Stores the icon and returns it as the API answers one icon.
QByteArray insert(const QSqlDatabase &db, const QString &userId, const Icon &icon, const QString &generator);
// A page of the user's icons in `filter.view`. The rows skipped by the offset are read from the
// history index alone (index-only scan); only the page's own rows are read from the table.
IconPage list(const QSqlDatabase &db, const QString &userId, const IconListFilter &filter);
// The statement list() runs for `filter`, with its named parameters (:user, :count_user, :limit,
// :offset, :time_format, :pattern, :count_pattern): bench/run.sh gives it to pgbench beside the
// API. `:time_format` is kTimeFormat (a parameter so the SQL text needs no quoted colons).
QString listStatement(const IconListFilter &filter);
inline const QString kTimeFormat = QStringLiteral("YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"");
std::optional<Icon> find(const QSqlDatabase &db, const QString &userId, const QString &id);
// The live icons among `ids` (canonical UUIDs), in the order of `ids`; unknown ones are left out.
QList<Icon> findMany(const QSqlDatabase &db, const QString &userId, const QStringList &ids);
// The icon as the API answers one icon.
std::optional<QByteArray> findJson(const QSqlDatabase &db, const QString &userId, const QString &id);
// Locks the row for the rest of the transaction.
std::optional<Icon> findForUpdate(const QSqlDatabase &db, const QString &userId, const QString &id);
// Returns the updated icon as the API answers one icon.
QByteArray update(const QSqlDatabase &db, const QString &userId, const QString &id,
                  std::optional<bool> favorite, std::optional<int> selectedVariant, const QDateTime &now);
// Stores variants drawn again (new parameter values, another palette); the row is locked by the caller.
void replaceDrawing(const QSqlDatabase &db, const QString &userId, const QString &id,
                    const QList<IconVariant> &variants, ColorMode colorMode, const QDateTime &now);
bool softDelete(const QSqlDatabase &db, const QString &userId, const QString &id, const QDateTime &now);

// Import limits. Serialises the imports of one user until the transaction ends, so two imports at
// once cannot both see the last free place.
void lockImports(const QSqlDatabase &db, const QString &userId);
// The n-th most recent import of the user (1-based), deleted ones included, or a null
// QDateTime; reads at most n index entries.
QDateTime nthRecentImport(const QSqlDatabase &db, const QString &userId, int n);
// The user's live imported icons, counted up to `cap` (reads at most `cap` of them).
qint64 liveImports(const QSqlDatabase &db, const QString &userId, qint64 cap);

} // namespace IconRepository
