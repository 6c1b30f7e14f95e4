// SPDX-License-Identifier: GPL-3.0-or-later
// The topology file loader (JSON, then validation) on arbitrary bytes; a topology it accepts must write and read
// back as valid.
#include "topology/TopologyJson.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    const TopologyParseResult result = TopologyJson::read(json);
    for (const TopologyError& error : result.errors)
        (void)error.toString();
    if (result.ok() && !TopologyJson::read(TopologyJson::write(result.topology)).ok())
        std::abort();
    return 0;
}
