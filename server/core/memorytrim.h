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

    // Keeps the allocator from holding on to the server's large, short-lived buffers (a page of icons
    // is tens to hundreds of KB, built and freed per request on up to API_DB_THREADS threads). glibc
    // raises its mmap threshold each time such a block is freed, after which every later one comes
    // from a heap arena that keeps the memory (bench/README.md, memory). A fixed threshold sends them
    // to mmap again, returned to the system when freed. Call once at start-up.
    static void boundAllocatorRetention();

private:
    QTimer m_timer;
};
