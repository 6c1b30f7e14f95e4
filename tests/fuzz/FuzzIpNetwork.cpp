// SPDX-License-Identifier: GPL-3.0-or-later
// CIDR and endpoint parsing: an accepted CIDR must print as text that parses back to the same network.
#include "wireguard/IpNetwork.h"
#include "wireguard/WireGuardEndpoint.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    if (const std::optional<IpNetwork> network = IpNetwork::parse(text)) {
        if (IpNetwork::parse(network->toString()) != network)
            std::abort();
        (void)network->first();
        (void)network->last();
        (void)network->contains(IpNetwork::next(network->address()));
    }
    (void)WireGuardEndpoint::parse(text);
    return 0;
}
