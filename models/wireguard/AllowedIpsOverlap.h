// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct Topology;
class WireGuardConfig;

/**
 * AllowedIPs that overlap between two peers of one interface: WireGuard silently gives the range to whichever peer
 * was configured last, so the other one's traffic is hijacked. Detected here and refused, naming both peers.
 */
namespace AllowedIpsOverlap {

struct PeerRanges
{
    QString name;
    QStringList allowedIps;
};

struct Conflict
{
    QString firstPeer;
    QString firstRange;
    QString secondPeer;
    QString secondRange;

    QString message() const;
};

/// Every overlapping pair among the peers; unparsable ranges are ignored (the parsers report them).
QList<Conflict> find(const QList<PeerRanges>& peers);
/// The first overlap between a new peer and the existing ones.
std::optional<Conflict> check(const PeerRanges& candidate, const QList<PeerRanges>& existing);
/// The peers of one interface in a topology (the hub's, typically).
QList<PeerRanges> peersOfInterface(const Topology& topology, const QString& interfaceId);
QList<PeerRanges> peersOfConfig(const WireGuardConfig& config);

} // namespace AllowedIpsOverlap
