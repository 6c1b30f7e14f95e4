// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/TopologyNameRule.h"

#include <QString>

#include <functional>

/**
 * Names for the hosts and peers an import creates, derived from whatever free text a server config or a user gave
 * ("Bob's phone" gives "bobs-phone"). They follow the topology's one name rule (TopologyNameRule), in lower case:
 * host names are case-blind, so "# Name = Prod" must find the host "prod".
 */
namespace HostLabel {

inline constexpr int MaxLength = TopologyNameRule::MaxLabelLength;

/// TopologyNameRule::labelFrom(text) in lower case. Empty when nothing usable is left.
QString fromText(const QString& text);
/// A label from a tunnel address: "10.10.0.5/32" gives "peer-10-10-0-5", "fd00::5/128" gives "peer-fd00-5".
QString fromAddress(const QString& cidr);
/// base, or base-2, base-3, ... (cut so the whole stays a label): the first one taken() says is free.
QString unique(const QString& base, const std::function<bool(const QString&)>& taken);

} // namespace HostLabel
