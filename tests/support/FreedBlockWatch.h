// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QArrayDataPointer>

#include <cstddef>

/**
 * Sees the bytes of one Qt buffer at the moment its memory goes back to the heap: the only honest check that a
 * wipe which also releases the buffer zeroed it first (afterwards the memory is no longer ours to read).
 * FreedBlockWatch.cpp replaces free() with one that looks before it forwards to glibc's, so it is linked only into
 * the tests that use it (add the .cpp to their SOURCES), never into the shared test library. One watch at a time.
 */
class FreedBlockWatch final
{
public:
    /// Watches the buffer `data` holds now: its whole allocation, not only the used part.
    template<typename T>
    explicit FreedBlockWatch(QArrayDataPointer<T>& data)
        : FreedBlockWatch(data.d_ptr(), data.data() - data.freeSpaceAtBegin(),
              static_cast<std::size_t>(data.constAllocatedCapacity()) * sizeof(T))
    {
    }
    ~FreedBlockWatch();
    FreedBlockWatch(const FreedBlockWatch&) = delete;
    FreedBlockWatch& operator=(const FreedBlockWatch&) = delete;

    bool freed() const;
    /// Whether every byte of the buffer was zero when it was freed.
    bool zeroWhenFreed() const;

private:
    FreedBlockWatch(const void* block, const void* bytes, std::size_t size);
};
