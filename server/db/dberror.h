#pragma once

#include <QSqlError>
#include <QString>

#include <atomic>
#include <exception>

class QSqlDatabase;

// A failed database operation, classified. The SQL layer knows no HTTP: the top layer maps the kind
// to the answer a client gets (server/errormapping.cpp); the SQLSTATE, the driver text and the
// context only reach the log (category parametric.server.db).
//
//   23505 unique_violation                       → 409 conflict          (Kind::UniqueViolation)
//   connection loss (QSqlError::ConnectionError, class 08, 57P01/57P02/57P03, 53300, a connection
//   that the driver closed)                      → 503 + Retry-After     (Kind::ConnectionLost)
//   57014 query_canceled (statement_timeout)     → 503 + Retry-After     (Kind::Timeout)
//   40001 serialization_failure, 40P01 deadlock  → 409, isRetryable()    (Kind::SerializationFailure)
//   anything else                                → 500 internal          (Kind::Other, FK/check too)
class DbError : public std::exception
{
public:
    enum class Kind {
        UniqueViolation,
        ForeignKeyViolation,
        CheckViolation,
        NotNullViolation,
        SerializationFailure,
        ConnectionLost,
        Timeout,
        Other,
    };

    DbError(Kind kind, QString sqlState, QString constraint, QString context);

    // `connectionOpen`: whether the connection is still open after the failure. QPSQL closes a
    // connection whose socket died and then reports some errors without a SQLSTATE.
    static Kind classify(const QSqlError &error, bool connectionOpen = true);
    static DbError fromSqlError(const QSqlError &error, const char *context, bool connectionOpen = true);

    Kind kind() const { return m_kind; }
    const QString &sqlState() const { return m_sqlState; }
    // The violated constraint's name for 23xxx errors (from the server message), else empty.
    const QString &constraint() const { return m_constraint; }
    const QString &context() const { return m_context; }
    bool isRetryable() const { return m_kind == Kind::SerializationFailure; }
    bool isConnectionLoss() const { return m_kind == Kind::ConnectionLost; }
    const char *what() const noexcept override { return "DbError"; }

    // Bumped on every connection-class failure in the process. Database compares it with the value
    // seen when a thread's connection was opened and reopens stale connections proactively: after a
    // server restart every pooled connection is dead, not just the one that noticed.
    static quint64 connectionEpoch() { return s_connectionEpoch.load(std::memory_order_relaxed); }
    static void noteConnectionLoss() { s_connectionEpoch.fetch_add(1, std::memory_order_relaxed); }

private:
    Kind m_kind;
    QString m_sqlState;
    QString m_constraint;
    QString m_context;
    static inline std::atomic<quint64> s_connectionEpoch{0};
};

// Logs the failure (with `context`, e.g. "users.insert") and throws the mapped DbError.
[[noreturn]] void throwSqlError(const QSqlError &error, const char *context, bool connectionOpen = true);
// Same, reading the error and the connection state from `db`.
[[noreturn]] void throwSqlError(const QSqlDatabase &db, const QSqlError &error, const char *context);
