#include "auth/loopbackredirect.h"

#include <QList>

QString loopbackRedirectError(const QString &uri)
{
    if (uri.size() > 512)
        return QStringLiteral("redirect_uri is longer than 512 characters.");
    QStringView rest(uri);
    if (rest.startsWith(u"http://127.0.0.1:"))
        rest = rest.mid(17);
    else if (rest.startsWith(u"http://[::1]:"))
        rest = rest.mid(13);
    else
        return QStringLiteral(
            "redirect_uri must be http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>.");

    qsizetype digits = 0;
    while (digits < rest.size() && rest[digits] >= u'0' && rest[digits] <= u'9')
        ++digits;
    if (digits == 0 || digits > 5 || rest[0] == u'0')
        return QStringLiteral("redirect_uri must name a port from 1 to 65535.");
    if (rest.left(digits).toInt() > 65535)
        return QStringLiteral("redirect_uri must name a port from 1 to 65535.");
    const QStringView path = rest.mid(digits);
    if (!path.startsWith(u'/'))
        return QStringLiteral("redirect_uri must have a path after the port.");

    for (QChar c : path) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                        u == u'/' || u == u'-' || u == u'.' || u == u'_' || u == u'~';
        if (!ok)
            return QStringLiteral(
                "redirect_uri must not contain a query, fragment, userinfo or encoded characters.");
    }
    for (QStringView segment : path.split(u'/')) {
        if (segment == u"." || segment == u"..")
            return QStringLiteral("redirect_uri must not contain dot segments.");
    }
    return {};
}
