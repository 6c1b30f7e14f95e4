// SPDX-License-Identifier: GPL-3.0-or-later
// Base64 key decoding: whatever it accepts must encode back to the same text (WireGuard keys have exactly one
// spelling), and whatever it refuses must say why.
#include "wireguard/WireGuardKey.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<WireGuardKey> key = WireGuardKey::fromBase64(text, &error);
    if (key && key->toBase64() != text.trimmed())
        std::abort();
    if (!key && error.isEmpty())
        std::abort();
    return 0;
}
