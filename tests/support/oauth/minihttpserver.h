#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <utility>

// A deliberately small HTTP/1.1 server for the fake providers (one request per connection,
// Content-Length bodies). Independent of QHttpServer, whose API changes between Qt releases.
class MiniHttpServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QUrl url;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QUrlQuery query() const { return QUrlQuery(url); }
        QUrlQuery form() const; // application/x-www-form-urlencoded body
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };
    struct Response
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
    };
    using Handler = std::function<Response(const Request &)>;

    explicit MiniHttpServer(Handler handler, QObject *parent = nullptr);
    bool listen(); // 127.0.0.1, ephemeral port
    quint16 port() const { return m_server.serverPort(); }
    QUrl baseUrl() const;

private:
    void onConnection();
    Handler m_handler;
    QTcpServer m_server;
};
