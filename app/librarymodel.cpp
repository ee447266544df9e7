#include "librarymodel.h"

#include "svg/svgsanitizer.h"

#include <QFile>
#include <QFileInfo>

LibraryModel::LibraryModel(ApiClient *api, QObject *parent)
    : HistoryModel(api, parent)
{}

QUrlQuery LibraryModel::baseQuery() const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("favorite"), QStringLiteral("true"));
    return q;
}

bool LibraryModel::accepts(const ClientIcon &asset) const
{
    return asset.favorite;
}

QString LibraryModel::sectionOf(const ClientIcon &asset) const
{
    return asset.source == api::IconSource::Imported ? QStringLiteral("uploaded") : QStringLiteral("saved");
}

void LibraryModel::sortItems()
{
    // Sections must be contiguous for ListView.section: Uploaded first, then Saved, newest first in each.
    std::stable_sort(m_items.begin(), m_items.end(), [this](const ClientIcon &a, const ClientIcon &b) {
        const bool ua = sectionOf(a) == QLatin1String("uploaded");
        const bool ub = sectionOf(b) == QLatin1String("uploaded");
        if (ua != ub)
            return ua;
        return a.createdAt > b.createdAt;
    });
}

QVariantMap LibraryModel::validateSvg(const QString &svgText, const QString &name) const
{
    const QString displayName = name.trimmed().isEmpty() ? QStringLiteral("Untitled") : name.trimmed();
    auto failure = [&](const QString &message) {
        return QVariantMap{{QStringLiteral("ok"), false},
                           {QStringLiteral("name"), displayName},
                           {QStringLiteral("svg"), QString()},
                           {QStringLiteral("error"), QStringLiteral("Invalid SVG: %1").arg(message)}};
    };
    if (svgText.trimmed().isEmpty())
        return failure(tr("the file is empty."));
    if (svgText.toUtf8().size() > maxImportBytes())
        return failure(tr("the file is larger than %1 KiB.").arg(maxImportBytes() / 1024));
    if (!svgText.contains(QLatin1String("<svg"), Qt::CaseInsensitive))
        return failure(tr("no <svg> element found."));
    const SvgSanitizeResult r = SvgSanitizer::sanitize(svgText);
    if (!r.ok)
        return failure(r.error);
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("name"), displayName},
            {QStringLiteral("svg"), r.svg},
            {QStringLiteral("url"), svgDataUrl(r.svg)},
            {QStringLiteral("error"), QString()}};
}

QVariantMap LibraryModel::validateFile(const QUrl &fileUrl) const
{
    const QString path = fileUrl.isLocalFile() ? fileUrl.toLocalFile() : fileUrl.toString();
    const QFileInfo info(path);
    QString name = info.fileName();
    if (name.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        name.chop(4);
    QFile f(path);
    if (info.size() > maxImportBytes())
        return validateSvg(QString(maxImportBytes() + 1, QLatin1Char(' ')) + QStringLiteral("<svg"), name);
    if (!f.open(QIODevice::ReadOnly))
        return {
            {QStringLiteral("ok"), false},
            {QStringLiteral("name"), name},
            {QStringLiteral("error"), tr("Invalid SVG: cannot read the file (%1).").arg(f.errorString())}};
    return validateSvg(QString::fromUtf8(f.read(maxImportBytes() + 1)), name);
}

void LibraryModel::importSvg(const QString &name, const QString &svg)
{
    const QVariantMap check = validateSvg(svg, name);
    if (!check.value(QStringLiteral("ok")).toBool()) {
        Q_EMIT importFailed(check.value(QStringLiteral("error")).toString());
        return;
    }
    ApiReply *reply = m_api->post(QStringLiteral("/api/icons/import"),
                                  {{QStringLiteral("name"), check.value(QStringLiteral("name")).toString()},
                                   {QStringLiteral("svg"), check.value(QStringLiteral("svg")).toString()}});
    m_import = reply;
    Q_EMIT importingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (!reply->isOk()) {
            m_import = nullptr;
            Q_EMIT importingChanged();
            Q_EMIT importFailed(reply->errorMessage());
            return;
        }
        ClientIcon asset = ClientIcon::fromJson(reply->json());
        // Imports are kept as favourites so the library lists them with one query.
        ApiReply *fav =
            m_api->patch(QStringLiteral("/api/icons/") + asset.id, {{QStringLiteral("favorite"), true}});
        m_import = fav;
        connect(fav, &ApiReply::finished, this, [this, fav, asset]() mutable {
            m_import = nullptr;
            Q_EMIT importingChanged();
            if (fav->isOk())
                asset =
                    ClientIcon::fromJson(fav->json()).isValid() ? ClientIcon::fromJson(fav->json()) : asset;
            asset.favorite = true;
            update(asset);
            Q_EMIT imported(asset.id);
        });
    });
}

void LibraryModel::removeItem(const QString &id)
{
    const ClientIcon a = asset(id);
    if (!a.isValid())
        return;
    if (a.source == api::IconSource::Imported)
        remove(id); // a real delete, with the undo window
    else
        setFavorite(id, false);
}

void LibraryModel::setFavorite(const QString &id, bool favorite)
{
    ClientIcon before = asset(id);
    ApiReply *reply =
        m_api->patch(QStringLiteral("/api/icons/") + id, {{QStringLiteral("favorite"), favorite}});
    if (before.isValid() && !favorite)
        drop(id); // optimistic
    connect(reply, &ApiReply::finished, this, [this, reply, id, favorite, before] {
        if (!reply->isOk()) {
            if (before.isValid())
                update(before);
            return;
        }
        const ClientIcon after = ClientIcon::fromJson(reply->json());
        if (after.isValid())
            update(after);
        Q_EMIT favoriteChanged(id, favorite);
    });
}
