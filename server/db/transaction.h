#pragma once

#include "db/dberror.h"

#include <QSqlDatabase>

#include <type_traits>
#include <utility>

// RAII transaction: BEGIN in the constructor, ROLLBACK in the destructor unless commit() succeeded.
// Every failure throws DbError.
class Transaction
{
public:
    enum class Isolation { ReadCommitted, RepeatableRead, Serializable };

    explicit Transaction(QSqlDatabase db, Isolation isolation = Isolation::ReadCommitted);
    ~Transaction();

    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    void rollback(); // never throws; a lost connection rolls back by itself
    bool isActive() const { return m_active; }
    QSqlDatabase &database() { return m_db; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

namespace transaction_detail {
constexpr int kMaxAttempts = 3;
void backoff(int attempt); // sleeps a jittered, growing delay
void logRetry(const DbError &error, int attempt);
} // namespace transaction_detail

// Runs `work()` inside a transaction and commits. On 40001 serialization_failure or 40P01
// deadlock_detected the whole function runs again (at most 3 attempts, jittered backoff), so `work`
// must not have effects outside the database that cannot be repeated. Any other error propagates
// after rollback. Returns what `work` returns.
template<typename F>
auto withTransaction(QSqlDatabase db, F &&work,
                     Transaction::Isolation isolation = Transaction::Isolation::ReadCommitted)
    -> std::invoke_result_t<F &>
{
    for (int attempt = 1;; ++attempt) {
        try {
            Transaction tx(db, isolation);
            if constexpr (std::is_void_v<std::invoke_result_t<F &>>) {
                work();
                tx.commit();
                return;
            } else {
                auto result = work();
                tx.commit();
                return result;
            }
        } catch (const DbError &error) {
            if (!error.isRetryable() || attempt >= transaction_detail::kMaxAttempts)
                throw;
            transaction_detail::logRetry(error, attempt);
            transaction_detail::backoff(attempt);
        }
    }
}
