#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>
#include <utility>

// A request as our handlers see it: a value copied out of QHttpServerRequest (which is only a
// reference valid during dispatch), so it may be captured by workers and async callbacks.
struct Request
{
    using Header = std::pair<QByteArray, QByteArray>;

    QByteArray method;     // upper case: "GET", "POST", …
    QString path;          // percent-decoded path, e.g. "/api/icons/…"
    QUrl url;              // as received (path + query)
    QList<Header> headers; // names as received
    QByteArray body;
    QHostAddress remoteAddress;
    QByteArray requestId; // X-Request-Id, echoed or generated
    // The matched route's {placeholders}: name → percent-decoded value (see param()).
    QList<std::pair<QString, QString>> params;

    // First value of a header, case-insensitive; empty when absent.
    QByteArray header(QByteArrayView name) const;
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;

    // The value of the route's {name} placeholder ("" when the route has none of that name).
    QString param(QStringView name) const;

    // Query parameter access. A parameter given twice is a 400 (ApiError), never "first wins".
    std::optional<QString> query(const QString &name) const;
    // Integer query parameter in [min, max]; absent → fallback; malformed or out of range → 400.
    qint64 queryInt(const QString &name, qint64 fallback, qint64 min, qint64 max) const;
    // "true"/"false" (absent → fallback); anything else → 400.
    bool queryBool(const QString &name, bool fallback) const;

    // The body as a JSON object: Content-Type must be application/json (charset utf-8 allowed) → else
    // 415; invalid JSON, invalid UTF-8, NUL characters, a non-object → 400. Throws ApiError.
    QJsonObject jsonObject() const;
    // Like jsonObject() but also accepts application/x-www-form-urlencoded (RFC 6749 token endpoint);
    // form fields become string members.
    QJsonObject jsonOrFormObject() const;

    // The bearer token from Authorization (scheme case-insensitive), or nullopt when the header is
    // absent. A malformed Authorization header yields an empty string (→ 401 invalid_token).
    std::optional<QByteArray> bearerToken() const;
};

// Typed field readers for JSON bodies; each throws ApiError::validation naming the field.
namespace json {
QString requiredString(const QJsonObject &o, const QString &field, int minLen = 1, int maxLen = 100000);
std::optional<QString> optionalString(const QJsonObject &o, const QString &field, int maxLen = 100000);
std::optional<qint64> optionalInt(const QJsonObject &o, const QString &field, qint64 min, qint64 max);
std::optional<bool> optionalBool(const QJsonObject &o, const QString &field);
// Rejects NUL and other C0 control characters (except \t \n \r when allowNewlines).
void rejectControlCharacters(const QString &value, const QString &field, bool allowNewlines = false);
} // namespace json
