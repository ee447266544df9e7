#include "http/response.h"

#include "http/apierror.h"

#include <QJsonDocument>

Response Response::json(const QJsonObject &object, int status)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

Response Response::json(const QJsonArray &array, int status)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

Response Response::noContent()
{
    Response r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

Response Response::redirect(const QUrl &location, int status)
{
    Response r;
    r.status = status;
    r.contentType.clear();
    r.header("Location", location.toEncoded());
    return r;
}

Response Response::raw(QByteArray body, QByteArray contentType, int status)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = std::move(contentType);
    return r;
}

Response Response::fromError(const ApiError &error, const QByteArray &requestId)
{
    Response r = json(error.toJson(requestId), error.status());
    for (const auto &h : error.headers())
        r.header(h.first, h.second);
    return r;
}

Response &Response::header(QByteArray name, QByteArray value)
{
    // Header values reach the wire verbatim: strip CR/LF so nothing can inject a header.
    value.replace('\r', "").replace('\n', "");
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = std::move(value);
            return *this;
        }
    }
    headers.append({std::move(name), std::move(value)});
    return *this;
}

QByteArray Response::headerValue(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}
