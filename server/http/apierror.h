#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <exception>
#include <optional>
#include <utility>

// An error that becomes a non-2xx answer with the JSON error body
//   {"error":"<snake_case_code>","message":"<sentence>","requestId":"…","_tag":"<ErrorClass>"}
// Throw it from any handler; the HTTP layer turns it into the response. Lower layers (db, generation)
// throw their own domain errors instead, which answerFor() maps through the installed translator.
// `message` is shown to clients: never put SQL, upstream text, tokens or secrets in it.
class ApiError : public std::exception
{
public:
    using Header = std::pair<QByteArray, QByteArray>;

    ApiError(int status, QString code, QString message, QString tag);

    static ApiError validation(const QString &field, const QString &message);
    static ApiError badRequest(const QString &code, const QString &message); // ValidationError with own code
    static ApiError unauthorized(const QString &message = QStringLiteral("Authentication required."));
    static ApiError invalidToken(); // 401 + WWW-Authenticate: Bearer error="invalid_token"
    static ApiError forbidden(const QString &message);
    static ApiError notFound(const QString &resource = QStringLiteral("resource"));
    static ApiError methodNotAllowed(const QList<QByteArray> &allowed);
    static ApiError conflict(const QString &message);
    static ApiError payloadTooLarge(qint64 limitBytes);
    static ApiError unsupportedMediaType(const QString &expected = QStringLiteral("application/json"));
    static ApiError rateLimited(int retryAfterSeconds, const QString &message);
    static ApiError internal();
    static ApiError serviceUnavailable(const QString &message, int retryAfterSeconds = 5);
    static ApiError badGateway(const QString &message);

    ApiError &withHeader(QByteArray name, QByteArray value);
    ApiError &withField(const QString &field);
    // An extra member of the body (e.g. "suggestions"); it never replaces the standard members.
    ApiError &withDetail(const QString &key, const QJsonValue &value);

    int status() const { return m_status; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const QString &tag() const { return m_tag; }
    const QString &field() const { return m_field; }
    const QList<Header> &headers() const { return m_headers; }
    const QJsonObject &details() const { return m_details; }

    QJsonObject toJson(const QByteArray &requestId) const;
    const char *what() const noexcept override { return "ApiError"; }

private:
    int m_status;
    QString m_code;
    QString m_message;
    QString m_tag;
    QString m_field;
    QList<Header> m_headers;
    QJsonObject m_details;
};

// Domain errors (DbError, GenerationError) are exceptions of their own layers: the HTTP layer knows
// none of them. The top layer installs the one translator that maps them to answers
// (server/errormapping.cpp); every place that turns an exception into an answer asks answerFor().
using ErrorTranslator = std::optional<ApiError> (*)(const std::exception &error);
void installErrorTranslator(ErrorTranslator translator);
// The answer for `error`: itself if it is an ApiError, else the translator's mapping; nullopt for an
// exception nobody maps (a bug: the caller logs it and answers 500).
std::optional<ApiError> answerFor(const std::exception &error);
