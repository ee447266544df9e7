#pragma once

#include "apiclient.h"

#include "clienticon.h"

#include "listmodel.h"
#include <QPointer>
#include <QQmlEngine>
#include <QSet>
#include <QTimer>

// Icons of the signed-in user, newest first, paged from GET /api/icons?view=thumbnail as the view
// scrolls (canFetchMore/fetchMore), filtered by `searchText` (q=). Rows carry the selected variant
// only (ClientIcon::complete is false for batches) until Studio opens one. The first page is cached
// on disk so the list appears instantly and offline, and reloaded with If-None-Match: an unchanged
// page costs the server a 304. Delete has an undo window: the row disappears at once, the DELETE is
// sent when the window closes (or at quit); undoRemove() brings it back untouched.
// Exposed as Studio.history; also the base of LibraryModel.
class HistoryModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.history")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged) // server-side total for the current search
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged) // last load error (show with a Retry)
    Q_PROPERTY(bool fromCache READ fromCache NOTIFY
                   fromCacheChanged) // showing cached rows (offline / not yet refreshed)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool undoAvailable READ undoAvailable NOTIFY undoChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoChanged) // "Deleted “fillet two curves”"
    Q_PROPERTY(int undoWindowMs READ undoWindowMs CONSTANT)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PromptRole,
        IntentRole,
        ColorModeRole,
        SourceRole,    // generated | imported
        CreatedAtRole, // QDateTime
        VariantsRole,  // list of {id, name, svg, warnings}
        VariantCountRole,
        SelectedVariantRole,
        FavoriteRole,
        ThumbnailSvgRole, // the selected variant's SVG (for SvgItem)
        ThumbnailUrlRole, // the same as a data: URL (for Image)
        SectionRole,      // LibraryModel: "uploaded" | "saved"
    };
    Q_ENUM(Role)

    explicit HistoryModel(ApiClient *api, QObject *parent = nullptr);
    ~HistoryModel() override;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int count() const { return int(m_items.size()); }
    int total() const { return m_total; }
    bool loading() const { return bool(m_reply); }
    QString error() const { return m_error; }
    bool fromCache() const { return m_fromCache; }
    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);
    bool undoAvailable() const { return m_pendingDelete.isValid(); }
    QString undoText() const;
    int undoWindowMs() const { return m_undoWindowMs; }

    Q_INVOKABLE void refresh();                 // reload from the first page
    Q_INVOKABLE QVariantMap get(int row) const; // all roles of a row by name
    Q_INVOKABLE int indexOf(const QString &id) const;
    Q_INVOKABLE void remove(const QString &id); // with undo window
    Q_INVOKABLE void undoRemove();
    Q_INVOKABLE void commitPendingRemove(); // sends the pending DELETE now (quit)

    // C++ side (Studio).
    ClientIcon asset(const QString &id) const;
    void prepend(const ClientIcon &asset);         // a fresh generation
    void update(const ClientIcon &asset);          // favorite / selectedVariant changed
    void completeVariants(const ClientIcon &full); // a row's other variants arrived (not inserted)
    void drop(const QString &id);                  // removed elsewhere (no request)
    void setCacheFile(const QString &path);        // "" = no disk cache
    void setCacheLimit(int icons) { m_cacheLimit = icons; }
    void setUndoWindowMs(int ms) { m_undoWindowMs = ms; }
    void clear(); // signed out

Q_SIGNALS:
    void countChanged();
    void loadingChanged();
    void errorChanged();
    void fromCacheChanged();
    void searchTextChanged();
    void undoChanged();
    void removing(const QString &id); // hidden, undo window open
    void removed(const QString &id);  // the server accepted the DELETE
    void removeFailed(const QString &id, const QString &message);

protected:
    int size() const override { return int(m_items.size()); }
    virtual QUrlQuery baseQuery() const; // LibraryModel adds favorite=true
    virtual bool accepts(const ClientIcon &asset) const;
    virtual QString sectionOf(const ClientIcon &) const { return {}; }
    virtual void sortItems() {} // LibraryModel keeps sections contiguous
    void insertSorted(const ClientIcon &asset);
    void load(bool reset);
    void applyPage(const QJsonObject &page, bool reset, int offset, const QString &search);
    ClientIcon keepKnownVariants(const ClientIcon &fromList) const;
    void setError(const QString &e);
    void loadCache();
    void saveCache() const;

    ApiClient *m_api;
    QList<ClientIcon> m_items;
    int m_total = 0;
    int m_serverOffset = 0; // rows consumed from the server (incl. filtered)
    bool m_reachedEnd = false;
    bool m_fromCache = false;
    QString m_search;
    QString m_error;
    QString m_cacheFile;
    int m_cacheLimit = 200;
    int m_pageSize = 30;
    QPointer<ApiReply> m_reply;
    QSet<QString> m_changedDuringLoad; // icons added or changed here while a reload was on its way
    // The last first page (offset 0) and its ETag, to ask the server whether it changed.
    struct FirstPage
    {
        QString query;
        QByteArray tag;
        QByteArray body;
    } m_firstPage;
    QTimer m_searchDebounce;
    // undo
    struct Pending
    {
        ClientIcon asset;
        int row = -1;
        bool isValid() const { return asset.isValid(); }
    } m_pendingDelete;
    QTimer m_undoTimer;
    int m_undoWindowMs = 5000;
};
