// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"
#include "topology/TopologyError.h"

#include <QList>
#include <QUrl>

/** The rules a topology must follow beyond its JSON shape: unique ids, references that resolve, valid addresses. */
namespace TopologyValidator {

QList<TopologyError> validate(const Topology& topology);

/// A WireGuard key as wg(8) accepts it: 44 characters of canonical base64 for 32 bytes.
bool isWireGuardKey(const QString& key);
/// An address with an optional prefix length, IPv4 or IPv6.
bool isCidr(const QString& text);
/// host:port or [v6]:port with a valid port.
bool isEndpoint(const QString& text);
/// A valid http:// or https:// URL with a host.
bool isHttpUrl(const QUrl& url);
/// The one wording of a bad URL, quoting what the user wrote.
QString notAnHttpUrl(const QString& text);

} // namespace TopologyValidator
