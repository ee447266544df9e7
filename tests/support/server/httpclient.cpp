#include "httpclient.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

QByteArray HttpClient::Result::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject HttpClient::Result::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray HttpClient::Result::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

HttpClient::HttpClient(QUrl base)
    : m_base(std::move(base))
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::Result HttpClient::get(const QString &path, const QList<Header> &headers)
{
    return request("GET", path, {}, headers);
}

HttpClient::Result HttpClient::del(const QString &path, const QList<Header> &headers)
{
    return request("DELETE", path, {}, headers);
}

HttpClient::Result HttpClient::postJson(const QString &path, const QJsonObject &body,
                                        const QList<Header> &headers)
{
    QList<Header> all = headers;
    all.prepend({"Content-Type", "application/json"});
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), all);
}

HttpClient::Result HttpClient::patchJson(const QString &path, const QJsonObject &body,
                                         const QList<Header> &headers)
{
    QList<Header> all = headers;
    all.prepend({"Content-Type", "application/json"});
    return request("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), all);
}

HttpClient::Result HttpClient::request(const QByteArray &method, const QString &path, const QByteArray &body,
                                       const QList<Header> &headers)
{
    QUrl url = m_base;
    const int q = path.indexOf(u'?');
    // Paths and queries are given already percent-encoded, exactly as they go on the wire.
    url.setPath(q < 0 ? path : path.left(q), QUrl::TolerantMode);
    if (q >= 0)
        url.setQuery(path.mid(q + 1), QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);

    auto *buffer = new QBuffer;
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    Result result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append({pair.first, pair.second});
    reply->deleteLater();
    return result;
}

QByteArray HttpClient::raw(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray received;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    loop.exec();
    received += socket.readAll();
    return received;
}
