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

const char *Response::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}
