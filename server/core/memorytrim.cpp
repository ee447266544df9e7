#include "core/memorytrim.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

MemoryTrimmer::MemoryTrimmer(int intervalMs, QObject *parent)
    : QObject(parent)
{
#if defined(__GLIBC__)
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MemoryTrimmer::releaseFreeMemory);
    m_timer.start();
#else
    Q_UNUSED(intervalMs);
#endif
}

void MemoryTrimmer::releaseFreeMemory()
{
#if defined(__GLIBC__)
    // Walks every arena and returns whole free pages (madvise), not only the top of the main heap.
    malloc_trim(0);
#endif
}

void MemoryTrimmer::boundAllocatorRetention()
{
#if defined(__GLIBC__)
    // glibc's own starting value; setting it at all turns the dynamic adjustment off.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}
