#include "toolbarsetmodel.h"

#include "api/apienums.h"
#include "core/filenames.h"
#include "export/setexport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

ToolbarSetModel::ToolbarSetModel(ApiClient *api, QObject *parent)
    : ListModel(parent)
    , m_api(api)
{
    setRoles(
        {
            {IdRole, "setId", field(m_sets, [](const Set &s) { return s.id; })},
            {NameRole, "name", field(m_sets, [](const Set &s) { return s.name; })},
            {ColorModeRole, "colorMode", field(m_sets, [](const Set &s) { return s.colorMode; })},
            {IconCountRole, "iconCount", field(m_sets, [](const Set &s) { return int(s.iconIds.size()); })},
            {IconIdsRole, "iconIds", field(m_sets, [](const Set &s) { return s.iconIds; })},
        },
        NameRole);
}

int ToolbarSetModel::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_sets.size(); ++i) {
        if (m_sets.at(i).id == id)
            return int(i);
    }
    return -1;
}

QVariantMap ToolbarSetModel::get(int row) const
{
    QVariantMap out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return out;
}

ToolbarSetModel::Set ToolbarSetModel::fromJson(const QJsonObject &o)
{
    Set s;
    s.id = o.value(QStringLiteral("id")).toString();
    s.name = o.value(QStringLiteral("name")).toString();
    s.colorMode = o.value(QStringLiteral("colorMode")).toString(api::name(ColorMode::Dark));
    for (const QJsonValue &v : o.value(QStringLiteral("iconIds")).toArray())
        s.iconIds << v.toString();
    return s;
}

void ToolbarSetModel::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged();
}

void ToolbarSetModel::clear()
{
    if (m_listReply)
        m_listReply->abort();
    beginResetModel();
    m_sets.clear();
    endResetModel();
    setError({});
    Q_EMIT countChanged();
}

void ToolbarSetModel::refresh()
{
    if (m_listReply)
        return;
    ApiReply *reply = m_api->get(QStringLiteral("/api/sets"));
    m_listReply = reply;
    Q_EMIT loadingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply] {
        m_listReply = nullptr;
        Q_EMIT loadingChanged();
        if (!reply->isOk()) {
            setError(reply->errorMessage());
            return;
        }
        beginResetModel();
        m_sets.clear();
        for (const QJsonValue &v : reply->json().value(QStringLiteral("data")).toArray())
            m_sets << fromJson(v.toObject());
        endResetModel();
        setError({});
        Q_EMIT countChanged();
    });
}

void ToolbarSetModel::upsert(const Set &set)
{
    const int row = indexOf(set.id);
    if (row >= 0) {
        m_sets[row] = set;
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        beginInsertRows({}, int(m_sets.size()), int(m_sets.size()));
        m_sets << set;
        endInsertRows();
        Q_EMIT countChanged();
    }
    Q_EMIT changed(set.id);
}

void ToolbarSetModel::track(ApiReply *reply)
{
    ++m_working;
    Q_EMIT workingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply] {
        --m_working;
        Q_EMIT workingChanged();
        if (!reply->isOk()) {
            setError(reply->errorMessage());
            return;
        }
        setError({});
        if (reply->status() != 204)
            upsert(fromJson(reply->json()));
    });
}

void ToolbarSetModel::create(const QString &name, const QString &colorMode, const QStringList &iconIds)
{
    track(m_api->post(QStringLiteral("/api/sets"),
                      {{QStringLiteral("name"), name.trimmed()},
                       {QStringLiteral("colorMode"), api::normalized(colorMode, ColorMode::Dark)},
                       {QStringLiteral("iconIds"), QJsonArray::fromStringList(iconIds)}}));
}

void ToolbarSetModel::patch(const QString &id, const QJsonObject &body)
{
    track(m_api->patch(QStringLiteral("/api/sets/") + id, body));
}

void ToolbarSetModel::setStyle(const QString &id, const QString &colorMode)
{
    patch(id, {{QStringLiteral("colorMode"), colorMode}});
}

void ToolbarSetModel::addIcon(const QString &id, const QString &iconId)
{
    const int row = indexOf(id);
    if (row < 0 || iconId.isEmpty() || m_sets.at(row).iconIds.contains(iconId))
        return;
    patch(id, {{QStringLiteral("iconIds"),
                QJsonArray::fromStringList(m_sets.at(row).iconIds + QStringList{iconId})}});
}

void ToolbarSetModel::removeIcon(const QString &id, const QString &iconId)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    QStringList ids = m_sets.at(row).iconIds;
    ids.removeAll(iconId);
    patch(id, {{QStringLiteral("iconIds"), QJsonArray::fromStringList(ids)}});
}

void ToolbarSetModel::remove(const QString &id)
{
    ApiReply *reply = m_api->deleteResource(QStringLiteral("/api/sets/") + id);
    ++m_working;
    Q_EMIT workingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        --m_working;
        Q_EMIT workingChanged();
        if (!reply->isOk() && reply->status() != 404) {
            setError(reply->errorMessage());
            return;
        }
        const int row = indexOf(id);
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_sets.removeAt(row);
            endRemoveRows();
            Q_EMIT countChanged();
        }
    });
}

QString ToolbarSetModel::suggestedZipName(const QString &id) const
{
    const int row = indexOf(id);
    return sanitizeFilename(row >= 0 ? m_sets.at(row).name : QString(), QStringLiteral("toolbar")) +
           QStringLiteral(".zip");
}

void ToolbarSetModel::exportZip(const QString &id, const QUrl &file)
{
    ApiReply *reply = m_api->get(QStringLiteral("/api/sets/") + id);
    ++m_working;
    Q_EMIT workingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply, file] {
        --m_working;
        Q_EMIT workingChanged();
        if (!reply->isOk()) {
            Q_EMIT exportFinished(false, tr("The set could not be loaded: %1").arg(reply->errorMessage()),
                                  file);
            return;
        }
        const QJsonObject set = reply->json();
        QList<SetExport::Member> members;
        for (const QJsonValue &v : set.value(QStringLiteral("icons")).toArray()) {
            const QJsonObject o = v.toObject();
            members << SetExport::Member{o.value(QStringLiteral("name")).toString(),
                                         o.value(QStringLiteral("svg")).toString(),
                                         o.value(QStringLiteral("scene")).toObject(),
                                         o.value(QStringLiteral("id")).toString() + QLatin1Char(':') +
                                             QString::number(o.value(QStringLiteral("variant")).toInt())};
        }
        const QString name = set.value(QStringLiteral("name")).toString();
        if (members.isEmpty()) {
            Q_EMIT exportFinished(false, tr("“%1” has no icons to export yet.").arg(name), file);
            return;
        }
        const ColorMode ink = IconDesign::colorModeFromName(set.value(QStringLiteral("colorMode")).toString())
                                  .value_or(ColorMode::Dark);
        const SetExport::Result zip = SetExport::zip(name, ink, members);
        if (zip.zip.isEmpty()) {
            Q_EMIT exportFinished(false, tr("Not exported: %1").arg(zip.error), file);
            return;
        }
        const QString path = file.toLocalFile();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(zip.zip) != zip.zip.size() || !out.commit()) {
            Q_EMIT exportFinished(
                false, tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()),
                file);
            return;
        }
        const QString count = members.size() == 1 ? tr("1 icon") : tr("%1 icons").arg(members.size());
        Q_EMIT exportFinished(
            true, tr("Exported %1 of “%2” to %3").arg(count, name, QDir::toNativeSeparators(path)), file);
    });
}
