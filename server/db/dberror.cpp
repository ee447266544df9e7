#include "db/dberror.h"

#include "core/logging.h"

#include <QRegularExpression>
#include <QSqlDatabase>

namespace {

// PostgreSQL names the constraint in double quotes in the primary message of 23xxx errors, e.g.
// `duplicate key value violates unique constraint "users_email_key"`.
QString constraintFrom(const QSqlError &error)
{
    static const QRegularExpression re(QStringLiteral("constraint \"([^\"]+)\""));
    const auto match = re.match(error.databaseText());
    return match.hasMatch() ? match.captured(1) : QString();
}

// The server message without its DETAIL, which can quote row values (addresses, hashes).
QString loggableText(const QSqlError &error)
{
    QString text = error.databaseText();
    const qsizetype detail = text.indexOf(QLatin1String("DETAIL:"));
    if (detail >= 0)
        text.truncate(detail);
    return (text.simplified() + QLatin1Char(' ') + error.driverText()).trimmed();
}

} // namespace

DbError::DbError(Kind kind, QString sqlState, QString constraint, QString context)
    : m_kind(kind)
    , m_sqlState(std::move(sqlState))
    , m_constraint(std::move(constraint))
    , m_context(std::move(context))
{}

DbError::Kind DbError::classify(const QSqlError &error, bool connectionOpen)
{
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("23505"))
        return Kind::UniqueViolation;
    if (state == QLatin1String("23503"))
        return Kind::ForeignKeyViolation;
    if (state == QLatin1String("23514"))
        return Kind::CheckViolation;
    if (state == QLatin1String("23502"))
        return Kind::NotNullViolation;
    if (state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return Kind::SerializationFailure;
    if (state == QLatin1String("57014"))
        return Kind::Timeout;
    // 08xxx connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now;
    // 53300 too_many_connections.
    if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01") ||
        state == QLatin1String("57P02") || state == QLatin1String("57P03") || state == QLatin1String("53300"))
        return Kind::ConnectionLost;
    if (error.type() == QSqlError::ConnectionError)
        return Kind::ConnectionLost;
    // No SQLSTATE and a connection the driver has closed: the socket died (libpq reports
    // "no connection to the server" / "server closed the connection unexpectedly" without a code).
    if (state.isEmpty() && !connectionOpen)
        return Kind::ConnectionLost;
    return Kind::Other;
}

DbError DbError::fromSqlError(const QSqlError &error, const char *context, bool connectionOpen)
{
    const Kind kind = classify(error, connectionOpen);
    const bool integrity = kind == Kind::UniqueViolation || kind == Kind::ForeignKeyViolation ||
                           kind == Kind::CheckViolation || kind == Kind::NotNullViolation;
    return DbError(kind, error.nativeErrorCode(), integrity ? constraintFrom(error) : QString(),
                   QString::fromUtf8(context ? context : ""));
}

void throwSqlError(const QSqlError &error, const char *context, bool connectionOpen)
{
    DbError e = DbError::fromSqlError(error, context, connectionOpen);
    const QString detail = loggableText(error);
    switch (e.kind()) {
    case DbError::Kind::ConnectionLost:
        DbError::noteConnectionLoss();
        qCWarning(lcDb).noquote() << context << "connection lost:" << e.sqlState() << detail;
        break;
    case DbError::Kind::UniqueViolation:
    case DbError::Kind::SerializationFailure:
        // Expected under concurrency; callers usually handle these.
        qCInfo(lcDb).noquote() << context << "failed:" << e.sqlState() << detail;
        break;
    default:
        qCWarning(lcDb).noquote() << context << "failed:" << e.sqlState() << detail;
        break;
    }
    throw e;
}

void throwSqlError(const QSqlDatabase &db, const QSqlError &error, const char *context)
{
    throwSqlError(error, context, db.isOpen());
}
