// SPDX-License-Identifier: GPL-3.0-or-later
// The wg-quick config parser on arbitrary bytes, and the round trip it promises: an unchanged config writes back
// the text it was read from.
#include "wireguard/WireGuardConfig.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const WireGuardConfigParseResult result = WireGuardConfig::parse(text);
    for (const WireGuardConfigError& error : result.errors)
        (void)error.toString();
    if (result.config.toText() != text)
        std::abort();
    (void)result.config.peers();
    return 0;
}
