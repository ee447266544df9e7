#include "applogging.h"

#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcApi, "parametric.app.api")
Q_LOGGING_CATEGORY(lcSignIn, "parametric.app.auth")
Q_LOGGING_CATEGORY(lcBackend, "parametric.app.backend")
Q_LOGGING_CATEGORY(lcEdits, "parametric.app.edits")
Q_LOGGING_CATEGORY(lcHistory, "parametric.app.history")
Q_LOGGING_CATEGORY(lcKeychain, "parametric.app.keychain")
Q_LOGGING_CATEGORY(lcSettings, "parametric.app.settings")
Q_LOGGING_CATEGORY(lcStartup, "parametric.app.startup")

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
