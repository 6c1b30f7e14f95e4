// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FreedBlockWatch.h"

#include <atomic>
#include <cstdlib>

extern "C" void __libc_free(void* block); // glibc's own free(), which the replacement below forwards to

namespace {

struct Watched
{
    std::atomic<const void*> block{nullptr};
    const unsigned char* bytes = nullptr;
    std::size_t size = 0;
    bool freed = false;
    bool zero = false;
};

Watched watched;

} // namespace

// The executable's free() takes precedence over libc's for every library (Qt frees its buffers through it). It
// must neither allocate nor free, and only ever looks at the one block being watched.
extern "C" void free(void* block) noexcept
{
    if (block && block == watched.block.load(std::memory_order_acquire)) {
        bool zero = true;
        for (std::size_t i = 0; i < watched.size; ++i)
            zero = zero && watched.bytes[i] == 0;
        watched.zero = zero;
        watched.freed = true;
        watched.block.store(nullptr, std::memory_order_release);
    }
    __libc_free(block);
}

FreedBlockWatch::FreedBlockWatch(const void* block, const void* bytes, std::size_t size)
{
    watched.bytes = static_cast<const unsigned char*>(bytes);
    watched.size = size;
    watched.freed = false;
    watched.zero = false;
    watched.block.store(block, std::memory_order_release);
}

FreedBlockWatch::~FreedBlockWatch()
{
    watched.block.store(nullptr, std::memory_order_release);
}

bool FreedBlockWatch::freed() const
{
    return watched.freed;
}

bool FreedBlockWatch::zeroWhenFreed() const
{
    return watched.freed && watched.zero;
}
