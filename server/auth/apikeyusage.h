#pragma once

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

// "Last used" of API keys without a database write per request: uses are kept in memory (the latest
// per key) and written in one statement by flush(), which ApiKeyController runs periodically and at
// shutdown. Several server processes may flush in any order: the stored time never moves backwards.
// Thread-safe.
class ApiKeyUsage
{
public:
    void record(const QString &keyId, const QDateTime &when);
    // The use recorded here and not yet flushed (invalid if none), so this process's own listing is
    // current before the next flush.
    QDateTime pending(const QString &keyId) const;
    bool isEmpty() const;

    // Writes the recorded uses and forgets them. On a database error they are kept for the next
    // flush and the error is rethrown. Call on a thread that owns `db`.
    void flush(QSqlDatabase db);

private:
    void merge(const QHash<QString, QDateTime> &uses);

    mutable QMutex m_mutex;
    QHash<QString, QDateTime> m_lastUse;
};
