#pragma once

#include "historymodel.h"

// The library: favourites ("Saved") and imported SVGs ("Uploaded"; imports are stored as
// favourites so one GET /api/icons?favorite=true lists both). Section role = "uploaded" | "saved".
// Exposed as Studio.library.
class LibraryModel : public HistoryModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.library")
    Q_PROPERTY(bool importing READ importing NOTIFY importingChanged)
    Q_PROPERTY(int maxImportBytes READ maxImportBytes CONSTANT)

public:
    explicit LibraryModel(ApiClient *api, QObject *parent = nullptr);

    bool importing() const { return bool(m_import); }
    int maxImportBytes() const { return 64 * 1024; }

    // Client-side validation and preview of an SVG file for the "Upload SVG" dialog.
    // → {ok: bool, name: "<file name without .svg>" | "Untitled", svg: <sanitised>, error: "Invalid SVG: …"}
    Q_INVOKABLE QVariantMap validateFile(const QUrl &fileUrl) const;
    Q_INVOKABLE QVariantMap validateSvg(const QString &svgText, const QString &name = {}) const;
    // POST /api/icons/import {name, svg} then PATCH favorite=true; emits imported or importFailed.
    Q_INVOKABLE void importSvg(const QString &name, const QString &svg);
    // Saved → unfavourite (PATCH); Uploaded → delete (undo window like history).
    Q_INVOKABLE void removeItem(const QString &id);
    Q_INVOKABLE void setFavorite(const QString &id, bool favorite);

Q_SIGNALS:
    void importingChanged();
    void imported(const QString &id);
    void importFailed(const QString &message);
    void favoriteChanged(const QString &id, bool favorite);

protected:
    QUrlQuery baseQuery() const override;
    bool accepts(const ClientIcon &asset) const override;
    QString sectionOf(const ClientIcon &asset) const override;
    void sortItems() override;

private:
    QPointer<ApiReply> m_import;
};
