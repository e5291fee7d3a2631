// Cache prefetch hints for the trace index, which Swift has no spelling for.
//
// A Swift load used to warm a line holds its instruction in the reorder window until the line
// arrives, and any atomic read-modify-write after it (a retain or release) waits for it too, so
// a group of warming loads did not overlap their misses. A prefetch retires at once.
#ifndef EVSCOPE_PREFETCH_SHIM_H
#define EVSCOPE_PREFETCH_SHIM_H

/// Starts bringing the line holding `address` into the cache, to be read.
static inline void evscope_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Starts bringing the line holding `address` into the cache, to be written.
static inline void evscope_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
