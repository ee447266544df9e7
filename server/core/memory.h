#pragma once

namespace memory {

// Keeps the allocator from holding on to the server's large, short-lived buffers (a page of icons
// is tens to hundreds of KB, built and freed per request on up to API_DB_THREADS threads). glibc
// raises its mmap threshold each time such a block is freed, after which every later one comes
// from a heap arena that keeps the memory for good (bench/README.md, memory). A fixed threshold
// sends them to mmap again, returned to the system when freed. No-op elsewhere.
void boundAllocatorRetention();

// Hands memory the allocator keeps free in its per-thread arenas back to the system (after a burst,
// each database thread's arena holds a few MB it no longer uses). Cheap; call it now and then.
void releaseFreeMemory();

} // namespace memory
