// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretWipe.h"

#include <sodium.h>

void wipeSecret(QByteArray& bytes)
{
    // Raw data (QByteArray::fromRawData, literals) is not ours and may be read-only: only release it.
    const auto& buffer = bytes.data_ptr();
    if (buffer.isMutable()) {
        // The whole allocation, not just size(): an earlier, longer content may have left bytes behind.
        char* allocationStart = const_cast<char*>(bytes.constData()) - buffer.freeSpaceAtBegin();
        sodium_memzero(allocationStart, static_cast<size_t>(buffer.constAllocatedCapacity()));
    }
    bytes = QByteArray();
}

void releaseSecret(QByteArray& bytes)
{
    if (bytes.isDetached()) {
        wipeSecret(bytes);
    } else {
        bytes = QByteArray();
    }
}

QByteArray exclusiveSecret(QByteArray bytes)
{
    if (bytes.isDetached()) {
        return bytes;
    }
    return QByteArray(bytes.constData(), bytes.size());
}
