#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

#include <utility>

// A synchronous HTTP client for tests: each call spins a local event loop until the answer arrives
// (the server under test may run in the same thread). Redirects are never followed.
class HttpClient
{
public:
    using Header = std::pair<QByteArray, QByteArray>;

    struct Result
    {
        int status = 0; // 0: no HTTP answer (see error)
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QList<Header> headers;

        QByteArray header(QByteArrayView name) const;
        QJsonObject json() const;
        QJsonArray jsonArray() const;
    };

    explicit HttpClient(QUrl base);

    void setBearer(const QByteArray &token) { m_bearer = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    Result get(const QString &path, const QList<Header> &headers = {});
    Result del(const QString &path, const QList<Header> &headers = {});
    Result postJson(const QString &path, const QJsonObject &body, const QList<Header> &headers = {});
    Result patchJson(const QString &path, const QJsonObject &body, const QList<Header> &headers = {});
    Result request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QList<Header> &headers = {});

    // Sends raw bytes on a fresh TCP connection and returns everything read until the server closes
    // or `timeoutMs` passes — for malformed requests QNetworkAccessManager will not send.
    static QByteArray raw(quint16 port, const QByteArray &bytes, int timeoutMs = 3000);

private:
    QUrl m_base;
    QByteArray m_bearer;
    int m_timeoutMs = 30000;
    QNetworkAccessManager m_nam;
};
