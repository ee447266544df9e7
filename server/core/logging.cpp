#include "core/logging.h"

#include <QDateTime>
#include <QList>
#include <QMutex>

#include <cstdio>

Q_LOGGING_CATEGORY(lcServer, "parametric.server")
Q_LOGGING_CATEGORY(lcHttp, "parametric.server.http")
Q_LOGGING_CATEGORY(lcDb, "parametric.server.db")
Q_LOGGING_CATEGORY(lcAuth, "parametric.server.auth")
Q_LOGGING_CATEGORY(lcIcons, "parametric.server.icons")
Q_LOGGING_CATEGORY(lcGeneration, "parametric.server.generation")

namespace {

QMutex &secretsMutex()
{
    static QMutex mutex;
    return mutex;
}

QList<QByteArray> &secrets()
{
    static QList<QByteArray> list;
    return list;
}

struct SecretPattern
{
    QByteArray marker;
    QRegularExpression pattern;
};

QList<SecretPattern> &secretPatterns()
{
    static QList<SecretPattern> list;
    return list;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "log";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray text = logging::redact(message.toUtf8());
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1() + ' ' +
                            levelName(type) + ' ' + (context.category ? context.category : "default") + ": " +
                            text + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

namespace logging {

void install()
{
    qInstallMessageHandler(handler);
}

QByteArray redact(QByteArray text)
{
    QMutexLocker lock(&secretsMutex());
    for (const QByteArray &secret : secrets())
        text.replace(secret, "[redacted]");
    for (const SecretPattern &p : secretPatterns()) {
        if (text.contains(p.marker))
            text = QString::fromUtf8(text).replace(p.pattern, QStringLiteral("[redacted]")).toUtf8();
    }
    return text;
}

void registerSecretPattern(const QByteArray &marker, const QRegularExpression &pattern)
{
    QMutexLocker lock(&secretsMutex());
    for (const SecretPattern &p : secretPatterns()) {
        if (p.pattern == pattern)
            return;
    }
    secretPatterns().append({marker, pattern});
}

void registerSecret(const QByteArray &secret)
{
    if (secret.size() < 8)
        return;
    QMutexLocker lock(&secretsMutex());
    if (!secrets().contains(secret))
        secrets().append(secret);
}

} // namespace logging
