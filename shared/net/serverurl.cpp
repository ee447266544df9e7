#include "net/serverurl.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerUrl", text);
}

ServerUrl refuse(const QString &message)
{
    return {QUrl(), message};
}
} // namespace

bool ServerUrl::isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(h.startsWith(QLatin1Char('[')) ? h.mid(1, h.size() - 2) : h);
    return !address.isNull() && address.isLoopback();
}

ServerUrl ServerUrl::parse(const QString &text)
{
    const QString input = text.trimmed();
    if (input.isEmpty())
        return refuse(tr("Enter the server's address, e.g. https://icons.example.com."));
    if (input.contains(QRegularExpression(QStringLiteral("\\s"))))
        return refuse(tr("A server address cannot contain spaces."));

    static const QRegularExpression hasScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    const QString withScheme = hasScheme.match(input).hasMatch() ? input : QStringLiteral("https://") + input;
    QUrl url(withScheme, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return refuse(tr("Use an https:// address (“%1” is not a web address).").arg(input));
    if (!url.isValid() || url.host().isEmpty())
        return refuse(tr("“%1” is not a server address.").arg(input));
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return refuse(
            tr("Plain http:// is only allowed for this computer (localhost); use https://%1.")
                .arg(url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString())));
    if (!url.userInfo().isEmpty())
        return refuse(
            tr("Leave the user name and password out of the address; you sign in after connecting."));
    if (url.hasQuery() || url.hasFragment())
        return refuse(tr("The address cannot have a query (?…) or a fragment (#…)."));

    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    url = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (url.path() == QLatin1String("/"))
        url.setPath({});
    if ((scheme == QLatin1String("https") && url.port() == 443) ||
        (scheme == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    return {url, {}};
}
