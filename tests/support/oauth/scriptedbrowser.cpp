#include "scriptedbrowser.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

QByteArray ScriptedBrowser::Hop::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

ScriptedBrowser::ScriptedBrowser()
{
    m_nam.setCookieJar(new QNetworkCookieJar); // owned by m_nam
}

void ScriptedBrowser::clearCookies()
{
    m_nam.setCookieJar(new QNetworkCookieJar); // deletes the old jar
}

ScriptedBrowser::Hop ScriptedBrowser::get(const QUrl &url)
{
    QNetworkRequest req(url);
    req.setRawHeader("Accept", "text/html,application/xhtml+xml");
    req.setRawHeader("User-Agent", "ScriptedBrowser/1.0 (test)");
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    Hop hop;
    hop.url = url;
    hop.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    hop.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        hop.headers.append(pair);
    hop.location = reply->rawHeader("Location");
    reply->deleteLater();
    return hop;
}

QList<ScriptedBrowser::Hop>
ScriptedBrowser::follow(const QUrl &start, const std::function<bool(const QUrl &)> &stopAt, int maxHops)
{
    QList<Hop> hops;
    QUrl url = start;
    for (int i = 0; i < maxHops; ++i) {
        Hop hop = get(url);
        hops.append(hop);
        if (hop.status < 300 || hop.status >= 400 || hop.location.isEmpty())
            break;
        const QUrl next = url.resolved(QUrl::fromEncoded(hop.location));
        if (stopAt && stopAt(next))
            break;
        url = next;
    }
    return hops;
}
