#include "core/memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace memory {

void boundAllocatorRetention()
{
#if defined(__GLIBC__)
    // glibc's own starting value; setting it at all turns the dynamic adjustment off.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

} // namespace memory

void memory::releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
