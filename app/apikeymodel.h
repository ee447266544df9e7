#pragma once

#include "apiclient.h"

#include "listmodel.h"
#include <QDateTime>
#include <QPointer>
#include <QQmlEngine>

// The signed-in user's API keys (issue 15) for Settings: list, create (the key is shown once) and
// revoke, all through the one ApiClient with the session (a key cannot manage keys). QML: the
// `ApiKeys` singleton.
//
// A created key lives only in `newKey` until dismissNewKey() or sign-out: the server keeps just its
// hash, so this is the one moment the user can copy it.
class ApiKeyModel : public ListModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ApiKeys)
    QML_SINGLETON
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged) // the list is being fetched
    Q_PROPERTY(bool working READ working NOTIFY workingChanged) // a create or revoke is in flight
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadingChanged)   // the list was fetched at least once
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)    // the last failure, for the UI
    Q_PROPERTY(QString newKey READ newKey NOTIFY newKeyChanged) // "" unless a key was just created
    Q_PROPERTY(QString newKeyName READ newKeyName NOTIFY newKeyChanged)
    // A command that generates an icon with the new key against this server, for the user to try.
    Q_PROPERTY(QString usageExample READ usageExample NOTIFY newKeyChanged)
    Q_PROPERTY(int maxNameLength READ maxNameLength CONSTANT)
    // Choices for a new key's lifetime: [{value: "<days>" ("0" = never), text}].
    Q_PROPERTY(QVariantList expiryOptions READ expiryOptions CONSTANT)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        PrefixRole,     // "pi_AbCdEfGh"
        CreatedAtRole,  // QDateTime (local)
        LastUsedAtRole, // QDateTime, invalid when never used
        ExpiresAtRole,  // QDateTime, invalid when it never expires
        ExpiredRole,
        StatusRole,   // "Created … · Last used … · Expires …" in words
        RevokingRole, // a revoke of this key is in flight
    };
    Q_ENUM(Role)

    explicit ApiKeyModel(ApiClient *api, QObject *parent = nullptr);
    static ApiKeyModel *create(QQmlEngine *, QJSEngine *);

    int count() const { return int(m_keys.size()); }
    bool loading() const { return bool(m_listReply); }
    bool working() const { return bool(m_createReply) || !m_revoking.isEmpty(); }
    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }
    QString newKey() const { return m_newKey; }
    QString newKeyName() const { return m_newKeyName; }
    QString usageExample() const;
    int maxNameLength() const { return 100; }
    QVariantList expiryOptions() const;

    Q_INVOKABLE void refresh(); // GET /api/auth/api-keys
    // POST /api/auth/api-keys. `expiresInDays` 0 = never. Emits created() or failed().
    Q_INVOKABLE void createKey(const QString &name, int expiresInDays = 0);
    Q_INVOKABLE void revoke(const QString &id); // DELETE; emits revoked() or failed()
    Q_INVOKABLE void copyNewKey() const;        // to the clipboard
    Q_INVOKABLE void copyUsageExample() const;
    Q_INVOKABLE void dismissNewKey(); // forgets the key
    Q_INVOKABLE void clearError();

    void clear(); // signed out: rows, the new key and errors go

    // "Created 3/12/25 · Last used 3/14/25 2:05 PM · Never expires" for one key (local time).
    static QString statusText(const QDateTime &createdAt, const QDateTime &lastUsedAt,
                              const QDateTime &expiresAt, bool expired);

Q_SIGNALS:
    void countChanged();
    void loadingChanged();
    void workingChanged();
    void errorChanged();
    void newKeyChanged();
    void created(const QString &name);
    void revoked(const QString &name);
    void failed(const QString &message);

protected:
    int size() const override { return int(m_keys.size()); }

private:
    struct Key
    {
        QString id;
        QString name;
        QString prefix;
        QDateTime createdAt;
        QDateTime lastUsedAt;
        QDateTime expiresAt;
        bool expired = false;
        static Key fromJson(const QJsonObject &o);
    };
    int rowOf(const QString &id) const;
    void setError(const QString &message);

    ApiClient *m_api;
    QList<Key> m_keys;
    QPointer<ApiReply> m_listReply;
    QPointer<ApiReply> m_createReply;
    QSet<QString> m_revoking;
    bool m_loaded = false;
    QString m_error;
    QString m_newKey;
    QString m_newKeyName;
};
