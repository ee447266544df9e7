#pragma once

#include "iconsource.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

#include <functional>

namespace cli {

// The Parametric Icons API as the command-line tool uses it: X-API-Key on the icon routes,
// one request at a time, each waited for in a local event loop (a CLI has nothing else to do).
// Proxies are Qt's (http_proxy, https_proxy, no_proxy on Unix; the system settings elsewhere);
// redirects are not followed, so the key never travels to another address. 429 and 503 answers
// with a short Retry-After are waited out and retried. The key is sent only in its header and
// never appears in a message.
class ServerClient : public IconSource
{
public:
    // `notice` gets one line for the user when the client waits (rate limit).
    ServerClient(QUrl base, QByteArray apiKey, std::function<void(const QString &)> notice = {});

    QString description() const override;
    Drawing draw(const QString &prompt, int variants, ColorMode style) override;

    struct Answer
    {
        int status = 0;    // 0: no HTTP answer (network error, timeout)
        QJsonObject json;  // the body when it is a JSON object
        QString errorCode; // the error body's "error" ("invalid_api_key", "not_found"), if any
        QString message;   // when !ok(): one sentence naming the server, safe to print
        bool ok() const { return status >= 200 && status < 300; }
    };
    // GET /api/icons (the caller's history page).
    Answer listIcons(int limit, int offset, const QString &search, bool favoritesOnly);
    // GET /api/icons/{id}, with every variant's SVG.
    Answer fetchIcon(const QString &id);

    // Longest wait for one answer: a generation may take the server's whole GENERATION_TIMEOUT_S
    // (90 s by default) before it answers.
    static constexpr int kGenerateTimeoutMs = 120000;
    static constexpr int kReadTimeoutMs = 30000;
    // Retry-After longer than this (a daily cap) is reported instead of waited out.
    static constexpr int kMaxRetryWaitS = 120;
    static constexpr int kMaxRetries = 5;

private:
    Answer send(const QByteArray &verb, const QString &path, const QByteArray &query, const QJsonObject &body,
                int timeoutMs);
    Answer sendOnce(const QByteArray &verb, const QUrl &url, const QByteArray &body, int timeoutMs,
                    int *retryAfterSeconds);

    QUrl m_base;
    QByteArray m_apiKey;
    std::function<void(const QString &)> m_notice;
    QNetworkAccessManager m_network;
};

// Text from a server or a file made safe for a terminal: control characters (escape sequences
// included) become spaces.
QString printable(const QString &text);

} // namespace cli
