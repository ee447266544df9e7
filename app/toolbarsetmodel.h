#pragma once

#include "apiclient.h"

#include "listmodel.h"
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>
#include <QUrl>

// The signed-in user's toolbar sets (GET/POST/PATCH/DELETE /api/sets): named groups of icons with one
// style, the ink of the toolbar they are for. Changing a set's style makes the server draw every scene
// in it again; export writes the whole set in one step (SetExport: SVG, PNG 16–64 hinted, ICO, ICNS and
// a manifest in one ZIP). Exposed as Studio.sets.
class ToolbarSetModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.sets")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool working READ working NOTIFY workingChanged) // a change or an export is in flight
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        ColorModeRole, // "dark" (ink for light toolbars) | "light"
        IconCountRole,
        IconIdsRole, // QStringList, toolbar order
    };
    Q_ENUM(Role)

    explicit ToolbarSetModel(ApiClient *api, QObject *parent = nullptr);

    int count() const { return int(m_sets.size()); }
    bool loading() const { return bool(m_listReply); }
    bool working() const { return m_working > 0; }
    QString error() const { return m_error; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void create(const QString &name, const QString &colorMode, const QStringList &iconIds = {});
    Q_INVOKABLE void setStyle(const QString &id, const QString &colorMode);
    Q_INVOKABLE void addIcon(const QString &id, const QString &iconId);
    Q_INVOKABLE void removeIcon(const QString &id, const QString &iconId);
    Q_INVOKABLE void remove(const QString &id);
    Q_INVOKABLE int indexOf(const QString &id) const;
    Q_INVOKABLE QVariantMap get(int row) const;
    // The whole set into one ZIP at `file` (exportFinished says how it went).
    Q_INVOKABLE void exportZip(const QString &id, const QUrl &file);
    Q_INVOKABLE QString suggestedZipName(const QString &id) const; // "<set name>.zip"

    void clear();

Q_SIGNALS:
    void countChanged();
    void loadingChanged();
    void workingChanged();
    void errorChanged();
    void changed(const QString &id); // created or updated
    // "Exported 10 icons of “Mesh tools” to ~/Pictures/mesh_tools.zip" or why not.
    void exportFinished(bool ok, const QString &message, const QUrl &file);

protected:
    int size() const override { return int(m_sets.size()); }

private:
    struct Set
    {
        QString id;
        QString name;
        QString colorMode;
        QStringList iconIds;
    };
    static Set fromJson(const QJsonObject &o);
    void upsert(const Set &set);
    void patch(const QString &id, const QJsonObject &body);
    void track(ApiReply *reply);
    void setError(const QString &message);

    ApiClient *m_api;
    QList<Set> m_sets;
    QPointer<ApiReply> m_listReply;
    int m_working = 0;
    QString m_error;
};
