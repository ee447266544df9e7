#include "http/router.h"

#include <QUrl>

#include <algorithm>

namespace {

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

Router::Route &Router::add(QByteArray method, QString pattern, Handler handler)
{
    QStringList segments = pattern.split(u'/');
    m_routes.push_back(Route{std::move(method), std::move(pattern), {}, false, std::move(handler)});
    m_segments.push_back(std::move(segments));
    return m_routes.back();
}

void Router::wrapHandlers(const std::function<Handler(Handler)> &wrap)
{
    for (Route &route : m_routes)
        route.handler = wrap(std::move(route.handler));
}

Router::Match Router::match(const QByteArray &method, const QString &encodedPath) const
{
    Match result;
    // Split the still-encoded path, then decode each segment: an encoded "/" (%2F) stays inside its
    // segment instead of changing the shape of the path.
    const QStringList parts = encodedPath.split(u'/');
    for (size_t i = 0; i < m_routes.size(); ++i) {
        const QStringList &segments = m_segments[i];
        if (segments.size() != parts.size())
            continue;
        QStringList params;
        bool matched = true;
        for (qsizetype s = 0; s < segments.size() && matched; ++s) {
            const QString &want = segments.at(s);
            const QString &got = parts.at(s);
            if (isPlaceholder(want)) {
                const QString decoded = QUrl::fromPercentEncoding(got.toUtf8());
                if (decoded.isEmpty())
                    matched = false;
                else
                    params.append(decoded);
            } else if (want != got) {
                matched = false;
            }
        }
        if (!matched)
            continue;
        const Route &route = m_routes[i];
        if (!result.allowed.contains(route.method))
            result.allowed.append(route.method);
        if (route.method == method && !result.route) {
            result.route = &route;
            result.params = params;
        }
    }
    // HEAD is answered like GET without a body, so a GET route also allows it.
    if (result.allowed.contains("GET") && !result.allowed.contains("HEAD"))
        result.allowed.append("HEAD");
    if (!result.allowed.isEmpty())
        result.allowed.append("OPTIONS");
    std::sort(result.allowed.begin(), result.allowed.end());
    return result;
}
