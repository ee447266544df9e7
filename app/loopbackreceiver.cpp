#include "loopbackreceiver.h"
#include "applogging.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace {
constexpr qsizetype MaxRequestBytes = 16 * 1024;

QString htmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}
} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_handled)
            return stop();
        stop();
        Q_EMIT timedOut();
        Q_EMIT failed(tr("Sign-in timed out. Start again when you are ready."));
    });
}

LoopbackReceiver::~LoopbackReceiver()
{
    stop();
}

bool LoopbackReceiver::start(const QString &expectedState, QString *error)
{
    stop();
    m_state = expectedState;
    m_handled = false;
    m_server = new QTcpServer(this);
    // Loopback only (RFC 8252 §8.3): never the wildcard address.
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
    m_timer.start(m_timeout);
    return true;
}

void LoopbackReceiver::stop()
{
    m_timer.stop();
    if (!m_server)
        return;
    m_server->close();
    // Connections still writing a page finish on their own (the browser must see the answer, even
    // when stop() runs from a signal emitted right after it was queued); idle ones are dropped.
    const auto sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->setParent(nullptr);
        if (s->bytesToWrite() > 0) {
            connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
            QTimer::singleShot(5000, s, [s] {
                s->abort();
                s->deleteLater();
            });
            s->disconnectFromHost();
        } else {
            s->abort();
            s->deleteLater();
        }
    }
    m_server->deleteLater();
    m_server = nullptr;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 LoopbackReceiver::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl LoopbackReceiver::redirectUri() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(port()));
}

void LoopbackReceiver::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(m_server);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A connection that never sends a request must not hold the listener open.
        QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    if (buffer.size() > MaxRequestBytes) {
        respond(socket, 431, "Request Header Fields Too Large", tr("Request too large"), {}, false);
        return;
    }
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    socket->setProperty("buffer", QVariant());
    const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        respond(socket, 400, "Bad Request", tr("Bad request"), {}, false);
        return;
    }
    const QByteArray method = parts.at(0);
    const QUrl target(QString::fromLatin1(parts.at(1)));
    if (target.path() != QLatin1String("/callback")) {
        respond(socket, 404, "Not Found", tr("Not found"),
                tr("This address only receives the Parametric Icons sign-in."), false);
        return;
    }
    if (method != "GET") {
        respond(socket, 405, "Method Not Allowed", tr("Method not allowed"), {}, false, "Allow: GET\r\n");
        return;
    }
    if (m_handled) {
        respond(socket, 200, "OK", tr("Already handled"),
                tr("This sign-in has already been handled. You can close this tab."), true);
        return;
    }
    const QUrlQuery query(target);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state.isEmpty() || state != m_state) {
        // RFC 8252 §8.9: not our flow. Refuse it and keep waiting for the real callback, so a forged
        // request can neither sign the user in to someone else's account nor cancel the sign-in.
        qCWarning(lcSignIn) << "rejected a loopback callback with a foreign state";
        respond(socket, 400, "Bad Request", tr("Sign-in not recognised"),
                tr("This response does not belong to the sign-in in progress in Parametric Icons. Nothing "
                   "was changed."),
                false);
        Q_EMIT rejected(QStringLiteral("state mismatch"));
        return;
    }
    m_handled = true;
    const QString providerError = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (!providerError.isEmpty() || code.isEmpty()) {
        QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        if (description.isEmpty())
            description =
                providerError == QLatin1String("access_denied")
                    ? tr("Access was denied.")
                    : (providerError.isEmpty() ? tr("The response carried no code.") : providerError);
        respond(socket, 200, "OK", tr("Sign-in failed"),
                tr("%1 Return to Parametric Icons to try again.").arg(description), false);
        Q_EMIT failed(tr("Sign-in failed: %1").arg(description));
        return;
    }
    respond(socket, 200, "OK", tr("Signed in"),
            tr("You are signed in to Parametric Icons. You can close this tab and return to the app."), true);
    // Short linger so a reload gets "already handled", then close even if nobody calls stop().
    m_timer.start(std::chrono::seconds(30));
    Q_EMIT codeReceived(code);
}

void LoopbackReceiver::respond(QTcpSocket *socket, int status, const QByteArray &reason, const QString &title,
                               const QString &message, bool success, const QByteArray &extraHeaders)
{
    // Self-contained: no external resources, so the URL (with its one-time code) leaks nowhere.
    const QString colour = success ? QStringLiteral("#94F2E8") : QStringLiteral("#ff7a85");
    const QByteArray html =
        QStringLiteral(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            "<title>%1 · Parametric Icons</title><style>"
            "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;"
            "background:#1a1a2e;color:#f4f1ee;font:16px system-ui,sans-serif}"
            "main{max-width:28rem;padding:2rem;border-radius:12px;background:#24243a;text-align:center}"
            "h1{font-size:1.25rem;color:%3;margin:0 0 .75rem}p{margin:0;color:#b8bcc8;line-height:1.5}"
            "</style></head><body><main><h1>%1</h1><p>%2</p></main></body></html>")
            .arg(htmlEscape(title), htmlEscape(message), colour)
            .toUtf8();
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                     "\r\n"
                     "Content-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: " +
                     QByteArray::number(html.size()) +
                     "\r\n"
                     "Cache-Control: no-store\r\n"
                     "Referrer-Policy: no-referrer\r\n"
                     "X-Content-Type-Options: nosniff\r\n"
                     "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                     "Connection: close\r\n" +
                     extraHeaders + "\r\n" + html;
    socket->write(out);
    socket->disconnectFromHost();
}
