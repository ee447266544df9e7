#include "http/router.h"

#include <QStringTokenizer>
#include <QUrl>
#include <QVarLengthArray>

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

Router::Route &Router::route(QByteArray method, QString pattern, QString summary, Handler handler)
{
    Route &added = add(std::move(method), std::move(pattern), std::move(handler));
    added.summary = std::move(summary);
    return added;
}

void Router::wrapHandlers(const std::function<Handler(Handler)> &wrap)
{
    for (Route &route : m_routes) {
        route.handler = wrap(std::move(route.handler));
        route.gated = true;
    }
}

Router::Match Router::match(const QByteArray &method, const QString &encodedPath) const
{
    // Split the still-encoded path, then decode each placeholder's segment: an encoded "/" (%2F)
    // stays inside its segment instead of changing the shape of the path. Views, not copies: this
    // runs for every request.
    QVarLengthArray<QStringView, 8> parts;
    for (QStringView part : QStringTokenizer(encodedPath, u'/'))
        parts.append(part);

    Match result;
    QVarLengthArray<size_t, 8> samePath; // routes whose pattern matches the path, any method
    for (size_t i = 0; i < m_routes.size(); ++i) {
        const QStringList &segments = m_segments[i];
        if (segments.size() != parts.size())
            continue;
        bool matched = true;
        for (qsizetype s = 0; s < segments.size() && matched; ++s) {
            const QString &want = segments.at(s);
            // A placeholder needs a non-empty segment (checked again after decoding).
            matched = isPlaceholder(want) ? !parts[s].isEmpty() : want == parts[s];
        }
        if (!matched)
            continue;
        QList<std::pair<QString, QString>> params;
        for (qsizetype s = 0; s < segments.size() && matched; ++s) {
            const QString &want = segments.at(s);
            if (!isPlaceholder(want))
                continue;
            const QString decoded = QUrl::fromPercentEncoding(parts[s].toUtf8());
            matched = !decoded.isEmpty();
            params.append({want.mid(1, want.size() - 2), decoded});
        }
        if (!matched)
            continue;
        if (m_routes[i].method == method) {
            result.route = &m_routes[i];
            result.params = std::move(params);
            return result;
        }
        samePath.append(i);
    }
    for (size_t i : samePath) {
        if (!result.allowed.contains(m_routes[i].method))
            result.allowed.append(m_routes[i].method);
    }
    // HEAD is answered like GET without a body, so a GET route also allows it.
    if (result.allowed.contains("GET") && !result.allowed.contains("HEAD"))
        result.allowed.append("HEAD");
    if (!result.allowed.isEmpty())
        result.allowed.append("OPTIONS");
    std::sort(result.allowed.begin(), result.allowed.end());
    return result;
}
