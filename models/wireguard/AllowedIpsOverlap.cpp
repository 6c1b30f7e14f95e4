// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/AllowedIpsOverlap.h"

#include "topology/Topology.h"
#include "wireguard/IpNetwork.h"
#include "wireguard/WireGuardConfig.h"

namespace AllowedIpsOverlap {

QString Conflict::message() const
{
    return QStringLiteral("AllowedIPs overlap: %1 of peer \"%2\" and %3 of peer \"%4\"; WireGuard would route the "
                          "overlap to only one of them (a hijack), so this is refused")
        .arg(secondRange, secondPeer, firstRange, firstPeer);
}

std::optional<Conflict> check(const PeerRanges& candidate, const QList<PeerRanges>& existing)
{
    for (const QString& range : candidate.allowedIps) {
        const auto network = IpNetwork::parse(range);
        if (!network)
            continue;
        for (const auto& other : existing) {
            for (const QString& otherRange : other.allowedIps) {
                const auto otherNetwork = IpNetwork::parse(otherRange);
                if (otherNetwork && network->network().overlaps(otherNetwork->network()))
                    return Conflict{other.name, otherRange, candidate.name, range};
            }
        }
    }
    return std::nullopt;
}

QList<Conflict> find(const QList<PeerRanges>& peers)
{
    QList<Conflict> conflicts;
    for (qsizetype i = 1; i < peers.size(); ++i) {
        if (const auto conflict = check(peers.at(i), peers.mid(0, i)))
            conflicts.append(*conflict);
    }
    return conflicts;
}

QList<PeerRanges> peersOfInterface(const Topology& topology, const QString& interfaceId)
{
    QList<PeerRanges> result;
    for (const auto& peer : topology.peers) {
        if (peer.interfaceId == interfaceId)
            result.append({peer.name.isEmpty() ? peer.id : peer.name, peer.allowedIps});
    }
    return result;
}

QList<PeerRanges> peersOfConfig(const WireGuardConfig& config)
{
    QList<PeerRanges> result;
    for (const auto* section : config.peers()) {
        const QString name = section->name();
        result.append({name.isEmpty() ? section->value(u"PublicKey") : name, section->values(u"AllowedIPs")});
    }
    return result;
}

} // namespace AllowedIpsOverlap
