#pragma once

#include <QMutex>
#include <QStringList>

// Records every log message of the process while alive (and still forwards it to the previous
// handler), so tests can scan what the server logged — e.g. that no token ever appears.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();

    QStringList lines() const;
    bool contains(const QString &needle) const;
    void clear();
};
