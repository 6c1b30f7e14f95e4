// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

/**
 * Host and peer names as the topology requires them: DNS labels (RFC 1123: a-z, 0-9 and inner hyphens, at most 63
 * characters), derived from whatever free text a server config or a user gave ("Bob's phone" gives "bobs-phone").
 */
namespace HostLabel {

inline constexpr int MaxLength = 63;

/// The label closest to text: accents dropped, lower case, apostrophes removed, other runs of non-label characters
/// made one hyphen, cut to 63. Empty when nothing usable is left.
QString fromText(const QString& text);
/// A label from a tunnel address: "10.10.0.5/32" gives "peer-10-10-0-5", "fd00::5/128" gives "peer-fd00-5".
QString fromAddress(const QString& cidr);
/// base, or base-2, base-3, ... (cut so the whole stays a label): the first one taken() says is free.
QString unique(const QString& base, const std::function<bool(const QString&)>& taken);
/// Whether text is already a valid label.
bool isLabel(const QString& text);

} // namespace HostLabel
