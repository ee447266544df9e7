#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <utility>

class ApiError;

// What a handler answers. CORS, security headers and X-Request-Id are added by HttpServer.
struct Response
{
    using Header = std::pair<QByteArray, QByteArray>;

    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<Header> headers;

    static Response json(const QJsonObject &object, int status = 200);
    static Response json(const QJsonArray &array, int status = 200);
    static Response noContent();
    static Response redirect(const QUrl &location, int status = 302);
    static Response raw(QByteArray body, QByteArray contentType, int status = 200);
    static Response fromError(const ApiError &error, const QByteArray &requestId);

    Response &header(QByteArray name, QByteArray value);
    QByteArray headerValue(QByteArrayView name) const;

    // The reason phrase of a status line ("Not Found"), "Unknown" for codes we never send.
    static const char *reasonPhrase(int status);
};
