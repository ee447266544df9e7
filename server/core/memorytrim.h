#pragma once

#include <QObject>
#include <QTimer>

// Hands memory the allocator keeps after it was freed back to the system, once a minute. glibc keeps
// freed memory in each thread's arena for reuse, so after a burst (hundreds of requests in flight,
// many connections) a long-running server would keep the size of its largest burst for good; the
// soak (bench/soak) measured that as steady RSS growth while the live heap stayed flat. A no-op
// where the allocator is not glibc's.
class MemoryTrimmer : public QObject
{
public:
    explicit MemoryTrimmer(int intervalMs = 60 * 1000, QObject *parent = nullptr);

    static void releaseFreeMemory();

private:
    QTimer m_timer;
};
