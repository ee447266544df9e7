#include "http/apierror.h"

#include <QJsonValue>

#include <atomic>

ApiError::ApiError(int status, QString code, QString message, QString tag)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_tag(std::move(tag))
{}

ApiError ApiError::validation(const QString &field, const QString &message)
{
    return ApiError(400, QStringLiteral("validation_error"), message, QStringLiteral("ValidationError"))
        .withField(field);
}

ApiError ApiError::badRequest(const QString &code, const QString &message)
{
    return ApiError(400, code, message, QStringLiteral("ValidationError"));
}

ApiError ApiError::unauthorized(const QString &message)
{
    return ApiError(401, QStringLiteral("unauthorized"), message, QStringLiteral("UnauthorizedError"))
        .withHeader("WWW-Authenticate", "Bearer");
}

ApiError ApiError::invalidToken()
{
    return ApiError(401, QStringLiteral("invalid_token"),
                    QStringLiteral("The access token is invalid, expired or revoked."),
                    QStringLiteral("UnauthorizedError"))
        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
}

ApiError ApiError::forbidden(const QString &message)
{
    return ApiError(403, QStringLiteral("forbidden"), message, QStringLiteral("ForbiddenError"));
}

ApiError ApiError::notFound(const QString &resource)
{
    return ApiError(404, QStringLiteral("not_found"),
                    QStringLiteral("The requested %1 does not exist.").arg(resource),
                    QStringLiteral("NotFoundError"));
}

ApiError ApiError::methodNotAllowed(const QList<QByteArray> &allowed)
{
    QByteArray allow = allowed.join(", ");
    return ApiError(405, QStringLiteral("method_not_allowed"),
                    QStringLiteral("This resource only supports %1.").arg(QString::fromLatin1(allow)),
                    QStringLiteral("MethodNotAllowedError"))
        .withHeader("Allow", allow);
}

ApiError ApiError::conflict(const QString &message)
{
    return ApiError(409, QStringLiteral("conflict"), message, QStringLiteral("ConflictError"));
}

ApiError ApiError::payloadTooLarge(qint64 limitBytes)
{
    return ApiError(413, QStringLiteral("payload_too_large"),
                    QStringLiteral("The request body exceeds the limit of %1 bytes.").arg(limitBytes),
                    QStringLiteral("PayloadTooLarge"));
}

ApiError ApiError::unsupportedMediaType(const QString &expected)
{
    return ApiError(415, QStringLiteral("unsupported_media_type"),
                    QStringLiteral("The request body must be sent as %1.").arg(expected),
                    QStringLiteral("UnsupportedMediaType"));
}

ApiError ApiError::rateLimited(int retryAfterSeconds, const QString &message)
{
    return ApiError(429, QStringLiteral("rate_limited"), message, QStringLiteral("RateLimitError"))
        .withHeader("Retry-After", QByteArray::number(qMax(1, retryAfterSeconds)));
}

ApiError ApiError::internal()
{
    return ApiError(500, QStringLiteral("internal_error"),
                    QStringLiteral("The server could not complete the request."),
                    QStringLiteral("InternalError"));
}

ApiError ApiError::serviceUnavailable(const QString &message, int retryAfterSeconds)
{
    return ApiError(503, QStringLiteral("service_unavailable"), message,
                    QStringLiteral("ServiceUnavailableError"))
        .withHeader("Retry-After", QByteArray::number(qMax(1, retryAfterSeconds)));
}

ApiError ApiError::badGateway(const QString &message)
{
    return ApiError(502, QStringLiteral("bad_gateway"), message, QStringLiteral("BadGatewayError"));
}

ApiError &ApiError::withHeader(QByteArray name, QByteArray value)
{
    for (auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = std::move(value);
            return *this;
        }
    }
    m_headers.append({std::move(name), std::move(value)});
    return *this;
}

ApiError &ApiError::withField(const QString &field)
{
    m_field = field;
    return *this;
}

ApiError &ApiError::withDetail(const QString &key, const QJsonValue &value)
{
    m_details.insert(key, value);
    return *this;
}

QJsonObject ApiError::toJson(const QByteArray &requestId) const
{
    QJsonObject body{
        {QStringLiteral("error"), m_code},
        {QStringLiteral("message"), m_message},
        {QStringLiteral("requestId"), QString::fromLatin1(requestId)},
        {QStringLiteral("_tag"), m_tag},
    };
    if (!m_field.isEmpty())
        body.insert(QStringLiteral("field"), m_field);
    for (auto it = m_details.begin(); it != m_details.end(); ++it) {
        if (!body.contains(it.key()))
            body.insert(it.key(), it.value());
    }
    return body;
}

namespace {
std::atomic<ErrorTranslator> g_translator{nullptr};
} // namespace

void installErrorTranslator(ErrorTranslator translator)
{
    g_translator.store(translator);
}

std::optional<ApiError> answerFor(const std::exception &error)
{
    if (const auto *api = dynamic_cast<const ApiError *>(&error))
        return *api;
    if (const ErrorTranslator translate = g_translator.load())
        return translate(error);
    return std::nullopt;
}
