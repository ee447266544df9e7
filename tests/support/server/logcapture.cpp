#include "logcapture.h"

#include <QtGlobal>

namespace {
QMutex g_mutex;
QStringList g_lines;
QtMessageHandler g_previous = nullptr;
int g_active = 0;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_mutex);
        g_lines.append(QString::fromLatin1(context.category ? context.category : "default") +
                       QStringLiteral(": ") + message);
    }
    if (g_previous)
        g_previous(type, context, message);
}
} // namespace

LogCapture::LogCapture()
{
    QMutexLocker lock(&g_mutex);
    if (g_active++ == 0)
        g_previous = qInstallMessageHandler(capture);
}

LogCapture::~LogCapture()
{
    QMutexLocker lock(&g_mutex);
    if (--g_active == 0) {
        qInstallMessageHandler(g_previous);
        g_lines.clear();
    }
}

QStringList LogCapture::lines() const
{
    QMutexLocker lock(&g_mutex);
    return g_lines;
}

bool LogCapture::contains(const QString &needle) const
{
    QMutexLocker lock(&g_mutex);
    for (const QString &line : std::as_const(g_lines)) {
        if (line.contains(needle))
            return true;
    }
    return false;
}

void LogCapture::clear()
{
    QMutexLocker lock(&g_mutex);
    g_lines.clear();
}
