#include "minihttpserver.h"

#include <QTcpSocket>

QUrlQuery MiniHttpServer::Request::form() const
{
    QByteArray b = body;
    b.replace('+', ' ');
    return QUrlQuery(QString::fromUtf8(b));
}

MiniHttpServer::MiniHttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &MiniHttpServer::onConnection);
}

bool MiniHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl MiniHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

static QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    default:
        return "Status";
    }
}

void MiniHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request req;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.url = QUrl::fromEncoded(first.value(1));
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    req.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = req.headers.value("content-length", "0").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            req.body = buffer->mid(end + 4, length);
            const Response r = m_handler(req);
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
            if (!r.contentType.isEmpty())
                out += "Content-Type: " + r.contentType + "\r\n";
            for (const auto &[name, value] : r.headers)
                out += name + ": " + value + "\r\n";
            out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\nConnection: close\r\n\r\n" +
                   r.body;
            socket->write(out);
            socket->disconnectFromHost();
        });
    }
}
