#include "auth/apikeyusage.h"

#include "auth/apikeyrepository.h"

void ApiKeyUsage::record(const QString &keyId, const QDateTime &when)
{
    QMutexLocker lock(&m_mutex);
    QDateTime &latest = m_lastUse[keyId];
    if (!latest.isValid() || when > latest)
        latest = when;
}

QDateTime ApiKeyUsage::pending(const QString &keyId) const
{
    QMutexLocker lock(&m_mutex);
    return m_lastUse.value(keyId);
}

bool ApiKeyUsage::isEmpty() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastUse.isEmpty();
}

void ApiKeyUsage::merge(const QHash<QString, QDateTime> &uses)
{
    for (auto it = uses.begin(); it != uses.end(); ++it)
        record(it.key(), it.value());
}

void ApiKeyUsage::flush(QSqlDatabase db)
{
    QHash<QString, QDateTime> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_lastUse);
    }
    if (batch.isEmpty())
        return;
    try {
        ApiKeyRepository::recordUses(std::move(db), batch);
    } catch (...) {
        merge(batch);
        throw;
    }
}
