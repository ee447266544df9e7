#include "db/transaction.h"

#include "core/logging.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

Transaction::Transaction(QSqlDatabase db, Isolation isolation)
    : m_db(std::move(db))
{
    const char *begin = "BEGIN";
    switch (isolation) {
    case Isolation::ReadCommitted:
        break;
    case Isolation::RepeatableRead:
        begin = "BEGIN ISOLATION LEVEL REPEATABLE READ";
        break;
    case Isolation::Serializable:
        begin = "BEGIN ISOLATION LEVEL SERIALIZABLE";
        break;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QString::fromLatin1(begin)))
        throwSqlError(m_db, query.lastError(), "transaction.begin");
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

void Transaction::commit()
{
    if (!m_active)
        return;
    // QPSQL's commit() reports a COMMIT that the server turned into ROLLBACK (an aborted
    // transaction) as an error, so a silently lost write cannot look like success.
    const bool ok = m_db.commit();
    m_active = false;
    if (!ok)
        throwSqlError(m_db, m_db.lastError(), "transaction.commit");
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_db.isOpen() && !m_db.rollback())
        qCWarning(lcDb).noquote() << "rollback failed:" << m_db.lastError().text().simplified();
}

namespace transaction_detail {

void backoff(int attempt)
{
    const int base = 10 << (attempt - 1); // 10 ms, 20 ms, …
    QThread::msleep(static_cast<unsigned long>(base + QRandomGenerator::global()->bounded(base * 2)));
}

void logRetry(const DbError &error, int attempt)
{
    qCInfo(lcDb).noquote() << error.context() << "retrying transaction after" << error.sqlState()
                                << "attempt" << attempt;
}

} // namespace transaction_detail
