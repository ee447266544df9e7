#include "historymodel.h"
#include "applogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

HistoryModel::HistoryModel(ApiClient *api, QObject *parent)
    : ListModel(parent)
    , m_api(api)
{
    setRoles(
        {
            {IdRole, "id", field(m_items, [](const ClientIcon &a) { return a.id; })},
            {PromptRole, "prompt", field(m_items, [](const ClientIcon &a) { return a.prompt; })},
            {IntentRole, "intent", field(m_items, [](const ClientIcon &a) { return api::name(a.intent); })},
            {ColorModeRole, "colorMode", field(m_items, [](const ClientIcon &a) { return api::name(a.colorMode); })},
            {SourceRole, "source", field(m_items, [](const ClientIcon &a) { return api::name(a.source); })},
            {CreatedAtRole, "createdAt",
             field(m_items, [](const ClientIcon &a) { return a.createdAt.toLocalTime(); })},
            {VariantsRole, "variants",
             field(m_items,
                   [](const ClientIcon &a) { return iconToVariantMap(a).value(QStringLiteral("variants")); })},
            {VariantCountRole, "variantCount",
             field(m_items, [](const ClientIcon &a) { return int(a.variants.size()); })},
            {SelectedVariantRole, "selectedVariant",
             field(m_items, [](const ClientIcon &a) { return a.selectedVariant; })},
            {FavoriteRole, "favorite", field(m_items, [](const ClientIcon &a) { return a.favorite; })},
            {ThumbnailSvgRole, "thumbnailSvg",
             field(m_items, [](const ClientIcon &a) { return a.selectedSvg(); })},
            {ThumbnailUrlRole, "thumbnailUrl",
             field(m_items, [](const ClientIcon &a) { return svgDataUrl(a.selectedSvg()); })},
            {SectionRole, "section", field(m_items, [this](const ClientIcon &a) { return sectionOf(a); })},
        },
        PromptRole);
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(250);
    connect(&m_searchDebounce, &QTimer::timeout, this, [this] { load(true); });
    m_undoTimer.setSingleShot(true);
    connect(&m_undoTimer, &QTimer::timeout, this, &HistoryModel::commitPendingRemove);
}

HistoryModel::~HistoryModel() = default;

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reachedEnd && !m_reply && !m_fromCache && m_serverOffset > 0;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        load(false);
}

void HistoryModel::setSearchText(const QString &text)
{
    if (m_search == text)
        return;
    m_search = text;
    Q_EMIT searchTextChanged();
    m_searchDebounce.start();
}

QUrlQuery HistoryModel::baseQuery() const
{
    return {};
}

bool HistoryModel::accepts(const ClientIcon &asset) const
{
    return asset.source != api::IconSource::Imported; // imports live in the Library
}

void HistoryModel::refresh()
{
    load(true);
}

void HistoryModel::setError(const QString &e)
{
    if (m_error == e)
        return;
    m_error = e;
    Q_EMIT errorChanged();
}

void HistoryModel::load(bool reset)
{
    if (m_reply) {
        if (!reset)
            return;
        m_reply->abort();
    }
    QUrlQuery q = baseQuery();
    const int offset = reset ? 0 : m_serverOffset;
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    q.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    const QString search = m_search.trimmed();
    if (!search.isEmpty())
        q.addQueryItem(QStringLiteral("q"), search);
    // Rows show the selected variant only; Studio fetches the others when an icon is opened.
    q.addQueryItem(QStringLiteral("view"), QStringLiteral("thumbnail"));
    ApiReply *reply = m_api->get(QStringLiteral("/api/icons"), q);
    // The first page again: the server answers 304 when it has not changed.
    const QString queryText = q.toString(QUrl::FullyEncoded);
    const bool conditional = reset && !m_firstPage.tag.isEmpty() && m_firstPage.query == queryText;
    if (conditional)
        reply->setRequestHeader("If-None-Match", m_firstPage.tag);
    m_reply = reply;
    m_changedDuringLoad.clear();
    Q_EMIT loadingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply, reset, offset, search, queryText, conditional] {
        m_reply = nullptr;
        Q_EMIT loadingChanged();
        if (reply->outcome() == ApiReply::Outcome::Canceled)
            return;
        if (!reply->isOk()) {
            setError(reply->errorMessage());
            return;
        }
        setError({});
        QByteArray body = reply->body();
        if (reply->status() == 304 && conditional) {
            body = m_firstPage.body;
        } else if (reset) {
            m_firstPage = {queryText, reply->header("ETag"), body};
        }
        applyPage(QJsonDocument::fromJson(body).object(), reset, offset, search);
    });
}

void HistoryModel::applyPage(const QJsonObject &o, bool reset, int offset, const QString &search)
{
    const QJsonArray data = o.value(QStringLiteral("data")).toArray();
    QList<ClientIcon> page;
    for (const QJsonValue &v : data) {
        ClientIcon a = ClientIcon::fromJson(v.toObject());
        if (a.isValid() && accepts(a) && a.id != m_pendingDelete.asset.id)
            page << keepKnownVariants(a);
    }
    m_total = o.value(QStringLiteral("total")).toInt();
    m_serverOffset = offset + int(data.size());
    m_reachedEnd = data.size() < m_pageSize || m_serverOffset >= m_total;
    if (reset) {
        // A page read before an icon was stored, or changed here, must not hide or undo that.
        for (const ClientIcon &mine : std::as_const(m_items)) {
            if (!m_changedDuringLoad.contains(mine.id))
                continue;
            const auto it =
                std::find_if(page.begin(), page.end(), [&](const ClientIcon &a) { return a.id == mine.id; });
            if (it == page.end())
                page.prepend(mine);
            else
                *it = mine;
        }
        m_changedDuringLoad.clear();
        beginResetModel();
        m_items = page;
        sortItems();
        endResetModel();
        if (m_fromCache) {
            m_fromCache = false;
            Q_EMIT fromCacheChanged();
        }
        if (search.isEmpty())
            saveCache();
    } else {
        QList<ClientIcon> fresh;
        for (const ClientIcon &a : page)
            if (indexOf(a.id) < 0)
                fresh << a;
        if (!fresh.isEmpty()) {
            beginInsertRows({}, int(m_items.size()), int(m_items.size() + fresh.size() - 1));
            m_items.append(fresh);
            endInsertRows();
            if (!m_fromCache && search.isEmpty() && m_items.size() <= m_cacheLimit)
                saveCache();
        }
    }
    Q_EMIT countChanged();
}

ClientIcon HistoryModel::keepKnownVariants(const ClientIcon &fromList) const
{
    // A thumbnail row replacing a row already fetched in full keeps the full variants (nothing in
    // them changes: a different selection or favourite is in the row's own fields).
    const int row = indexOf(fromList.id);
    if (fromList.complete || row < 0)
        return fromList;
    const ClientIcon &known = m_items.at(row);
    if (!known.complete || known.variants.size() != fromList.variants.size())
        return fromList;
    ClientIcon merged = fromList;
    merged.variants = known.variants;
    merged.interpretation = known.interpretation;
    merged.complete = true;
    return merged;
}

QVariantMap HistoryModel::get(int row) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    QVariantMap m = iconToVariantMap(m_items.at(row));
    m.insert(QStringLiteral("thumbnailSvg"), m_items.at(row).selectedSvg());
    m.insert(QStringLiteral("thumbnailUrl"), svgDataUrl(m_items.at(row).selectedSvg()));
    m.insert(QStringLiteral("section"), sectionOf(m_items.at(row)));
    return m;
}

int HistoryModel::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).id == id)
            return int(i);
    return -1;
}

ClientIcon HistoryModel::asset(const QString &id) const
{
    const int row = indexOf(id);
    return row < 0 ? ClientIcon() : m_items.at(row);
}

QString HistoryModel::undoText() const
{
    if (!m_pendingDelete.isValid())
        return {};
    QString prompt = m_pendingDelete.asset.prompt;
    if (prompt.size() > 40)
        prompt = prompt.left(39) + QChar(0x2026);
    return tr("Deleted “%1”").arg(prompt);
}

void HistoryModel::remove(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    commitPendingRemove(); // one undo slot, like most desktop apps
    m_pendingDelete = {m_items.at(row), row};
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    --m_total;
    if (m_serverOffset > 0)
        --m_serverOffset;
    Q_EMIT countChanged();
    Q_EMIT removing(id);
    Q_EMIT undoChanged();
    m_undoTimer.start(m_undoWindowMs);
}

void HistoryModel::undoRemove()
{
    if (!m_pendingDelete.isValid())
        return;
    m_undoTimer.stop();
    const Pending p = std::exchange(m_pendingDelete, {});
    const int row = qBound(0, p.row, int(m_items.size()));
    beginInsertRows({}, row, row);
    m_items.insert(row, p.asset);
    endInsertRows();
    ++m_total;
    ++m_serverOffset;
    Q_EMIT countChanged();
    Q_EMIT undoChanged();
}

// Deleting only when the undo window closes means undo never needs a server-side restore.
void HistoryModel::commitPendingRemove()
{
    m_undoTimer.stop();
    if (!m_pendingDelete.isValid())
        return;
    const Pending p = std::exchange(m_pendingDelete, {});
    Q_EMIT undoChanged();
    ApiReply *reply = m_api->deleteResource(QStringLiteral("/api/icons/") + p.asset.id);
    connect(reply, &ApiReply::finished, this, [this, reply, p] {
        if (reply->isOk() || reply->status() == 404) {
            saveCache();
            Q_EMIT removed(p.asset.id);
            return;
        }
        // Still on the server: show it again rather than pretend.
        if (indexOf(p.asset.id) < 0) {
            const int row = qBound(0, p.row, int(m_items.size()));
            beginInsertRows({}, row, row);
            m_items.insert(row, p.asset);
            endInsertRows();
            ++m_total;
            Q_EMIT countChanged();
        }
        Q_EMIT removeFailed(p.asset.id, reply->errorMessage());
    });
    saveCache();
}

void HistoryModel::insertSorted(const ClientIcon &asset)
{
    int row = 0;
    while (row < m_items.size() && m_items.at(row).createdAt > asset.createdAt)
        ++row;
    beginInsertRows({}, row, row);
    m_items.insert(row, asset);
    endInsertRows();
    if (m_reply)
        m_changedDuringLoad.insert(asset.id);
    ++m_total;
    ++m_serverOffset;
    sortItems();
    Q_EMIT countChanged();
}

void HistoryModel::prepend(const ClientIcon &asset)
{
    if (!accepts(asset))
        return;
    if (indexOf(asset.id) >= 0)
        return update(asset);
    if (!m_search.trimmed().isEmpty() && !asset.prompt.contains(m_search.trimmed(), Qt::CaseInsensitive))
        return; // not part of the current search; it shows when the search is cleared
    insertSorted(asset);
    saveCache();
}

void HistoryModel::update(const ClientIcon &asset)
{
    const int row = indexOf(asset.id);
    if (row < 0) {
        if (accepts(asset) && asset.id != m_pendingDelete.asset.id) {
            insertSorted(asset);
            saveCache();
        }
        return;
    }
    if (!accepts(asset)) {
        drop(asset.id);
        return;
    }
    m_items[row] = asset;
    if (m_reply)
        m_changedDuringLoad.insert(asset.id);
    Q_EMIT dataChanged(index(row), index(row));
    saveCache();
}

void HistoryModel::completeVariants(const ClientIcon &full)
{
    const int row = indexOf(full.id);
    if (row < 0 || m_items.at(row).complete || m_items.at(row).variants.size() != full.variants.size())
        return;
    m_items[row].variants = full.variants;
    m_items[row].interpretation = full.interpretation;
    m_items[row].complete = true;
    Q_EMIT dataChanged(index(row), index(row));
    saveCache();
}

void HistoryModel::drop(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    --m_total;
    if (m_serverOffset > 0)
        --m_serverOffset;
    Q_EMIT countChanged();
    saveCache();
}

void HistoryModel::clear()
{
    commitPendingRemove();
    if (m_reply)
        m_reply->abort();
    beginResetModel();
    m_items.clear();
    endResetModel();
    m_total = 0;
    m_serverOffset = 0;
    m_reachedEnd = false;
    m_firstPage = {};
    setError({});
    Q_EMIT countChanged();
}

void HistoryModel::setCacheFile(const QString &path)
{
    if (m_cacheFile == path)
        return;
    m_cacheFile = path;
    loadCache();
}

void HistoryModel::loadCache()
{
    if (m_cacheFile.isEmpty())
        return;
    QFile f(m_cacheFile);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return;
    QList<ClientIcon> items;
    for (const QJsonValue &v : root.value(QStringLiteral("items")).toArray()) {
        ClientIcon a = ClientIcon::fromJson(v.toObject());
        if (a.isValid() && accepts(a))
            items << a;
    }
    beginResetModel();
    m_items = items;
    endResetModel();
    m_total = root.value(QStringLiteral("total")).toInt(int(items.size()));
    const QJsonObject first = root.value(QStringLiteral("firstPage")).toObject();
    m_firstPage = {first.value(QStringLiteral("query")).toString(),
                   first.value(QStringLiteral("etag")).toString().toLatin1(),
                   first.value(QStringLiteral("body")).toString().toUtf8()};
    m_serverOffset = 0;
    m_fromCache = true;
    Q_EMIT fromCacheChanged();
    Q_EMIT countChanged();
}

void HistoryModel::saveCache() const
{
    if (m_cacheFile.isEmpty() || !m_search.trimmed().isEmpty())
        return;
    QJsonArray items;
    for (const ClientIcon &a : m_items) {
        if (items.size() >= m_cacheLimit)
            break;
        items.append(a.toJson());
    }
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    QSaveFile f(m_cacheFile);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // The first page as the server sent it, with its ETag: the next start asks "changed since?".
    const QJsonObject firstPage{{QStringLiteral("query"), m_firstPage.query},
                                {QStringLiteral("etag"), QString::fromLatin1(m_firstPage.tag)},
                                {QStringLiteral("body"), QString::fromUtf8(m_firstPage.body)}};
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("total"), m_total},
                                      {QStringLiteral("items"), items},
                                      {QStringLiteral("firstPage"), firstPage}})
                .toJson(QJsonDocument::Compact));
    if (!f.commit())
        qCWarning(lcHistory) << "could not write the history cache:" << f.errorString();
}
