#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QUrl>

#include <functional>
#include <utility>

// A scripted system browser: keeps cookies (QNetworkCookieJar) and follows redirects itself, one
// hop at a time, so a test sees every URL and every Location header. Sends Accept: text/html like a
// browser. Synchronous (spins a local event loop per hop).
class ScriptedBrowser
{
public:
    struct Hop
    {
        QUrl url;
        int status = 0;
        QByteArray location;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray header(QByteArrayView name) const;
    };

    ScriptedBrowser();

    Hop get(const QUrl &url);
    // Follows redirects from `start` until an answer that is not a redirect, a redirect whose target
    // `stopAt` accepts (e.g. the native app's loopback listener; not fetched), or `maxHops`.
    QList<Hop> follow(const QUrl &start, const std::function<bool(const QUrl &)> &stopAt = {},
                      int maxHops = 10);

    QNetworkCookieJar &cookies() { return *m_nam.cookieJar(); }
    void clearCookies(); // a fresh jar: like another browser

private:
    QNetworkAccessManager m_nam;
};
