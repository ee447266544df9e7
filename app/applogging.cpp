#include "applogging.h"

#include <QLoggingCategory>
#include <QRegularExpression>

namespace {
QtMessageHandler g_next = nullptr;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_next)
        g_next(type, context, applogging::withoutUrlQueries(message));
}
} // namespace

namespace applogging {

QString withoutUrlQueries(const QString &message)
{
    static const QRegularExpression urlQuery(
        QStringLiteral("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?#'\"<>]*)\\?[^\\s'\"<>]*"));
    if (!message.contains(QLatin1String("://")))
        return message;
    QString out = message;
    out.replace(urlQuery, QStringLiteral("\\1?[query removed]"));
    return out;
}

void install()
{
    // Rules given here are overridden by QT_LOGGING_CONF and QT_LOGGING_RULES, so developers keep
    // their switches.
    QLoggingCategory::setFilterRules(QStringLiteral("parametric.*.debug=false"));
    if (!g_next)
        g_next = qInstallMessageHandler(handler);
}

} // namespace applogging
