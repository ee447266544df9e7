#pragma once

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QUrl>

#include <functional>

// Where secrets live (the refresh token per server and account, the Anthropic key). Asynchronous
// because the OS keychain is. Implementations never log a secret.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Status { Ok, NotFound, Unavailable };
    using ReadCallback = std::function<void(Status status, const QString &secret, const QString &error)>;
    using WriteCallback = std::function<void(Status status, const QString &error)>;

    using QObject::QObject;
    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &secret, WriteCallback done = {}) = 0;
    virtual void remove(const QString &key, WriteCallback done = {}) = 0;

    // "refresh-token:<scheme://host:port>:<account>" — one entry per server and account.
    static QString refreshTokenKey(const QUrl &server, const QString &account);
    static QString anthropicKeyKey() { return QStringLiteral("anthropic-api-key"); }
};

// Session-only store: unit tests, and the fallback while the keychain is unavailable.
class InMemoryTokenStore : public TokenStore
{
    Q_OBJECT
public:
    using TokenStore::TokenStore;
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &secret, WriteCallback done = {}) override;
    void remove(const QString &key, WriteCallback done = {}) override;
    QHash<QString, QString> entries() const { return m_entries; }

private:
    QHash<QString, QString> m_entries;
};

// The OS keychain through QtKeychain (libsecret / KWallet / Keychain / Credential Manager).
// Jobs run one at a time in submission order. Any error other than NoError / EntryNotFound counts
// as "keychain unavailable": the value is kept in an in-memory store for this session and
// `unavailable()` is emitted so the UI can show a notice. Never falls back to plaintext.
class KeychainTokenStore : public TokenStore
{
    Q_OBJECT
public:
    explicit KeychainTokenStore(const QString &service = QStringLiteral("io.parametric.icons"),
                                QObject *parent = nullptr);
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &secret, WriteCallback done = {}) override;
    void remove(const QString &key, WriteCallback done = {}) override;

    bool isAvailable() const { return m_available; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void unavailable(const QString &error);

private:
    struct Job
    {
        enum Kind { Read, Write, Remove } kind;
        QString key;
        QString secret;
        ReadCallback readDone;
        WriteCallback writeDone;
    };
    void enqueue(Job job);
    void runNext();
    void markUnavailable(const QString &error);

    QString m_service;
    QQueue<Job> m_queue;
    bool m_running = false;
    bool m_available = true;
    QString m_lastError;
    InMemoryTokenStore m_session; // fallback while the keychain is unavailable
};
