// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerImportMerge.h"

#include "adopt/HostLabel.h"
#include "adopt/ServerTopologyBuilder.h"
#include "topology/TopologyValidator.h"
#include "wireguard/AllowedIpsOverlap.h"
#include "wireguard/IpNetwork.h"

#include <QUrl>

#include <tuple>

namespace {

QString joined(const QStringList& list)
{
    return list.isEmpty() ? QStringLiteral("(none)") : list.join(QStringLiteral(", "));
}

QList<IpNetwork> networksOf(const QStringList& ranges)
{
    QList<IpNetwork> networks;
    for (const QString& range : ranges) {
        if (const auto network = IpNetwork::parse(range))
            networks.append(*network);
    }
    return networks;
}

bool shareAnAddress(const QStringList& a, const QStringList& b)
{
    const QList<IpNetwork> left = networksOf(a);
    for (const IpNetwork& network : networksOf(b)) {
        if (left.contains(network))
            return true;
    }
    return false;
}

bool sameRanges(const QStringList& a, const QStringList& b)
{
    QList<IpNetwork> left = networksOf(a);
    QList<IpNetwork> right = networksOf(b);
    const auto order = [](const IpNetwork& x, const IpNetwork& y) {
        return std::make_tuple(x.isIpv6(), x.address(), x.prefixLength())
            < std::make_tuple(y.isIpv6(), y.address(), y.prefixLength());
    };
    std::sort(left.begin(), left.end(), order);
    std::sort(right.begin(), right.end(), order);
    return left == right && left.size() == a.size() && right.size() == b.size();
}

/// The free text of a name when it is not a label already, for the host's description and the summary.
QString freeText(const QString& name, const QString& label)
{
    return name.trimmed() == label ? QString() : name.trimmed();
}

QString labelOf(const ServerPeerEntry& entry)
{
    const QString label = HostLabel::fromText(entry.name);
    return label.isEmpty() && !entry.allowedIps.isEmpty() ? HostLabel::fromAddress(entry.allowedIps.constFirst()) : label;
}

QString nameForMessages(const ServerPeerEntry& entry)
{
    const QString label = labelOf(entry);
    return label.isEmpty() ? entry.publicKey.left(8) + QStringLiteral("…") : label;
}

} // namespace

ServerImportMerge::ServerImportMerge(
    const Topology& topology, const ServerConfig& config, const ServerImportOptions& options)
    : m_topology(m_plan.m_after)
    , m_config(config)
    , m_options(options)
{
    m_plan.m_before = topology;
    m_plan.m_after = topology;
}

ServerImportPlan ServerImportMerge::run()
{
    m_plan.m_usedAddresses = m_config.addresses;
    for (const auto& entry : m_config.peers)
        m_plan.m_usedAddresses.append(entry.allowedIps);
    if (!findHub())
        return std::move(m_plan);
    reconcileHubKey();
    reconcileHubAddresses();
    matchPeers();
    for (int i = 0; i < m_config.peers.size(); ++i) {
        if (m_matchOf.contains(i))
            continue;
        add(m_config.peers.at(i));
    }
    handleRemoved();
    checkOverlaps();
    if (m_plan.m_conflicts.isEmpty()) {
        for (const auto& error : TopologyValidator::validate(m_topology))
            conflict(QStringLiteral("the merged topology would not be valid: %1").arg(error.toString()));
    }
    return std::move(m_plan);
}

bool ServerImportMerge::findHub()
{
    for (const auto& wgInterface : std::as_const(m_topology.interfaces)) {
        const bool wanted = m_options.interfaceId.isEmpty() ? wgInterface.isHub : wgInterface.id == m_options.interfaceId;
        if (wanted) {
            m_hubId = wgInterface.id;
            m_hubHostId = wgInterface.hostId;
            break;
        }
    }
    if (m_hubId.isEmpty()) {
        conflict(m_options.interfaceId.isEmpty()
                ? QStringLiteral("the topology has no hub interface to import the server's peers into; make a "
                                 "topology of the server with `tunnelscope-cli topology from-wg WGCONF FILE`")
                : QStringLiteral("the topology has no interface \"%1\"").arg(m_options.interfaceId));
        return false;
    }
    for (qsizetype i = 0; i < m_topology.peers.size(); ++i) {
        if (m_topology.peers.at(i).interfaceId == m_hubId)
            m_hubPeers.append(i);
    }
    return true;
}

void ServerImportMerge::reconcileHubKey()
{
    const auto hub = std::find_if(m_topology.interfaces.begin(), m_topology.interfaces.end(),
        [this](const WireGuardInterface& wgInterface) { return wgInterface.id == m_hubId; });
    const QString serverKey = m_config.hubPublicKey;
    if (serverKey.isEmpty() || serverKey == hub->publicKey) {
        if (!serverKey.isEmpty())
            hub->placeholderKey = false; // the server confirmed it
        return;
    }
    const QString oldKey = hub->publicKey;
    const bool placeholder = hub->placeholderKey;
    if (!oldKey.isEmpty() && !placeholder && !m_options.replaceHubKey) {
        conflict(QStringLiteral("this config's PrivateKey belongs to public key %1, but the hub interface \"%2\" has "
                                "%3, a real key: is it another server's config? If this server's key was changed, "
                                "import again with --replace-hub-key; if it is a second server, give it a topology "
                                "of its own (`tunnelscope-cli topology from-wg`) or add it as a hub of its own")
                     .arg(serverKey, m_hubId, oldKey),
            m_config.hubKeyLine);
        return;
    }
    ServerImportChange change;
    change.kind = ServerImportChange::Kind::HubKeyAdopted;
    change.id = m_hubId;
    change.name = m_hubHostId;
    change.publicKey = serverKey;
    change.previousKey = oldKey;
    change.placeholder = placeholder;
    m_plan.m_changes.append(change);
    if (oldKey.isEmpty())
        hub->publicKey = serverKey;
    else
        replaceKey(oldKey, serverKey);
}

void ServerImportMerge::reconcileHubAddresses()
{
    auto hub = std::find_if(m_topology.interfaces.begin(), m_topology.interfaces.end(),
        [this](const WireGuardInterface& wgInterface) { return wgInterface.id == m_hubId; });
    QStringList details;
    const QString oldAddress = m_topology.tunnelAddress(m_hubHostId);
    if (!m_config.addresses.isEmpty() && !sameRanges(hub->addresses, m_config.addresses)) {
        details.append(QStringLiteral("addresses %1 -> %2").arg(joined(hub->addresses), joined(m_config.addresses)));
        hub->addresses = m_config.addresses;
    }
    if (m_config.listenPort > 0 && hub->listenPort != m_config.listenPort) {
        details.append(QStringLiteral("listen port %1 -> %2").arg(hub->listenPort).arg(m_config.listenPort));
        hub->listenPort = m_config.listenPort;
    }
    const QString newAddress = m_topology.tunnelAddress(m_hubHostId);
    if (!oldAddress.isEmpty() && oldAddress != newAddress) {
        // A data source "over the tunnel" follows the hub's tunnel address.
        for (DataSource& source : m_topology.dataSources) {
            for (QUrl* url : {&source.influxUrl, &source.lokiUrl}) {
                if (url->host() != oldAddress)
                    continue;
                const QString before = url->toString();
                url->setHost(newAddress);
                details.append(QStringLiteral("data source \"%1\" %2 -> %3").arg(source.id, before, url->toString()));
            }
        }
    }
    if (details.isEmpty())
        return;
    ServerImportChange change;
    change.kind = ServerImportChange::Kind::HubChanged;
    change.id = m_hubId;
    change.name = m_hubHostId;
    change.publicKey = hub->publicKey;
    change.details = details;
    m_plan.m_changes.append(change);
}

void ServerImportMerge::matchPeers()
{
    using Matcher = qsizetype (ServerImportMerge::*)(const ServerPeerEntry&) const;
    const std::pair<Matcher, const char*> passes[] = {{&ServerImportMerge::matchByKey, "public key"},
        {&ServerImportMerge::matchByName, "name"}, {&ServerImportMerge::matchByAddress, "tunnel address"}};
    QHash<int, QString> how;
    for (const auto& [matcher, description] : passes) {
        for (int i = 0; i < m_config.peers.size(); ++i) {
            if (m_matchOf.contains(i))
                continue;
            const qsizetype found = (this->*matcher)(m_config.peers.at(i));
            if (found < 0)
                continue;
            m_matchOf.insert(i, found);
            m_claimed.insert(found);
            how.insert(i, QString::fromLatin1(description));
        }
    }
    for (int i = 0; i < m_config.peers.size(); ++i) {
        if (m_matchOf.contains(i))
            update(m_matchOf.value(i), m_config.peers.at(i), how.value(i));
    }
}

qsizetype ServerImportMerge::matchByKey(const ServerPeerEntry& entry) const
{
    for (qsizetype position : m_hubPeers) {
        if (!m_claimed.contains(position) && m_topology.peers.at(position).publicKey == entry.publicKey)
            return position;
    }
    return -1;
}

qsizetype ServerImportMerge::matchByName(const ServerPeerEntry& entry) const
{
    const QString label = HostLabel::fromText(entry.name);
    if (label.isEmpty())
        return -1;
    for (qsizetype position : m_hubPeers) {
        const WireGuardPeer& peer = m_topology.peers.at(position);
        const Host* host = m_topology.host(peer.hostId);
        const bool named = HostLabel::fromText(peer.name) == label
            || (host && (HostLabel::fromText(host->name) == label || host->id.compare(label, Qt::CaseInsensitive) == 0));
        if (!m_claimed.contains(position) && named)
            return position;
    }
    return -1;
}

qsizetype ServerImportMerge::matchByAddress(const ServerPeerEntry& entry) const
{
    for (qsizetype position : m_hubPeers) {
        if (!m_claimed.contains(position) && shareAnAddress(m_topology.peers.at(position).allowedIps, entry.allowedIps))
            return position;
    }
    return -1;
}

void ServerImportMerge::update(qsizetype peerIndex, const ServerPeerEntry& entry, const QString& matchedBy)
{
    WireGuardPeer& peer = m_topology.peers[peerIndex];
    ServerImportChange change;
    change.kind = ServerImportChange::Kind::Changed;
    change.id = peer.id;
    change.name = peer.name.isEmpty() ? labelOf(entry) : peer.name;
    change.publicKey = entry.publicKey;
    change.placeholder = peer.placeholderKey;
    if (matchedBy != QLatin1String("public key"))
        change.matchedBy = matchedBy;
    if (peer.publicKey != entry.publicKey) {
        change.kind = ServerImportChange::Kind::KeyChanged;
        change.previousKey = peer.publicKey;
        const QString oldKey = peer.publicKey;
        followAddresses(oldKey, entry.allowedIps);
        replaceKey(oldKey, entry.publicKey); // also the far end's own interface, when it had the old key
        peer.clientConfigAvailable = false;  // the new key's private half was never here
    }
    if (!sameRanges(peer.allowedIps, entry.allowedIps)) {
        change.details.append(QStringLiteral("AllowedIPs %1 -> %2").arg(joined(peer.allowedIps), joined(entry.allowedIps)));
        peer.allowedIps = entry.allowedIps;
    }
    if (peer.persistentKeepalive != entry.persistentKeepalive) {
        change.details.append(QStringLiteral("keepalive %1 -> %2").arg(peer.persistentKeepalive).arg(entry.persistentKeepalive));
        peer.persistentKeepalive = entry.persistentKeepalive;
    }
    if (peer.presharedKey != entry.presharedKey) {
        change.details.append(entry.presharedKey ? QStringLiteral("preshared key added") : QStringLiteral("preshared key removed"));
        peer.presharedKey = entry.presharedKey;
    }
    // A dump's endpoint is where the peer roamed last, not configuration.
    if (m_config.format == ServerConfig::Format::WgQuick && peer.endpoint != entry.endpoint) {
        change.details.append(QStringLiteral("endpoint %1 -> %2")
                .arg(peer.endpoint.isEmpty() ? QStringLiteral("(none)") : peer.endpoint,
                    entry.endpoint.isEmpty() ? QStringLiteral("(none)") : entry.endpoint));
        peer.endpoint = entry.endpoint;
    }
    if (change.placeholder && change.kind == ServerImportChange::Kind::Changed)
        change.details.append(QStringLiteral("placeholder key confirmed by the server"));
    peer.placeholderKey = false;
    if (peer.name.isEmpty())
        peer.name = labelOf(entry);
    if (change.kind == ServerImportChange::Kind::KeyChanged || !change.details.isEmpty() || change.placeholder)
        m_plan.m_changes.append(change);
}

void ServerImportMerge::add(const ServerPeerEntry& entry)
{
    const QString label = labelOf(entry);
    WireGuardPeer peer;
    peer.interfaceId = m_hubId;
    peer.publicKey = entry.publicKey;
    peer.allowedIps = entry.allowedIps;
    peer.endpoint = entry.endpoint;
    peer.persistentKeepalive = entry.persistentKeepalive;
    peer.presharedKey = entry.presharedKey;
    peer.clientConfigAvailable = false;
    peer.hostId = m_topology.hostIdOfPublicKey(entry.publicKey);
    if (peer.hostId.isEmpty())
        peer.hostId = newHostFor(entry, label);
    const Host* host = m_topology.host(peer.hostId);
    peer.name = host ? host->name : label;
    peer.id = HostLabel::unique(m_hubHostId + QLatin1Char('-') + peer.name,
        [this](const QString& id) { return std::as_const(m_topology).peer(id) != nullptr; });
    m_topology.peers.append(peer);

    ServerImportChange change;
    change.kind = ServerImportChange::Kind::Added;
    change.id = peer.id;
    change.name = peer.name;
    change.displayName = freeText(entry.name, peer.name);
    change.publicKey = peer.publicKey;
    change.details.append(QStringLiteral("AllowedIPs %1").arg(joined(peer.allowedIps)));
    m_plan.m_changes.append(change);
}

QString ServerImportMerge::newHostFor(const ServerPeerEntry& entry, const QString& label)
{
    QSet<QString> taken;
    for (const Host& host : std::as_const(m_topology.hosts)) {
        taken.insert(host.id.toLower());
        taken.insert(host.name.toLower());
    }
    Host host;
    host.id = HostLabel::unique(label.isEmpty() ? QStringLiteral("peer") : label,
        [&taken](const QString& candidate) { return taken.contains(candidate); });
    host.name = host.id;
    host.role = Host::Role::Other;
    host.description = freeText(entry.name, host.name);
    host.segmentId = peersSegment();
    m_topology.hosts.append(host);
    return host.id;
}

QString ServerImportMerge::peersSegment()
{
    return ServerTopologyBuilder::ensurePeersSegment(m_topology);
}

void ServerImportMerge::handleRemoved()
{
    QList<WireGuardPeer> gone;
    for (qsizetype position : std::as_const(m_hubPeers)) {
        if (!m_claimed.contains(position))
            gone.append(m_topology.peers.at(position));
    }
    for (const WireGuardPeer& peer : std::as_const(gone)) {
        ServerImportChange change;
        change.kind = ServerImportChange::Kind::RemovedOnServer;
        change.id = peer.id;
        change.name = peer.name;
        change.publicKey = peer.publicKey;
        change.placeholder = peer.placeholderKey;
        change.dropped = peer.placeholderKey || m_options.pruneRemoved;
        if (change.dropped)
            drop(peer);
        m_plan.m_changes.append(change);
    }
}

void ServerImportMerge::drop(const WireGuardPeer& peer)
{
    // A placeholder peer's own interface (and its entries) was made up with it; a real one stays with its host.
    QSet<QString> interfaces;
    for (const auto& wgInterface : std::as_const(m_topology.interfaces)) {
        if (peer.placeholderKey && wgInterface.placeholderKey && wgInterface.publicKey == peer.publicKey)
            interfaces.insert(wgInterface.id);
    }
    m_topology.interfaces.removeIf(
        [&interfaces](const WireGuardInterface& wgInterface) { return interfaces.contains(wgInterface.id); });
    m_topology.peers.removeIf([&](const WireGuardPeer& candidate) {
        return candidate.id == peer.id || interfaces.contains(candidate.interfaceId);
    });
}

void ServerImportMerge::checkOverlaps()
{
    QList<AllowedIpsOverlap::PeerRanges> configRanges;
    for (const auto& entry : m_config.peers)
        configRanges.append({nameForMessages(entry), entry.allowedIps});
    const auto inConfig = AllowedIpsOverlap::find(configRanges);
    for (const auto& overlap : inConfig)
        conflict(QStringLiteral("in the server's config: %1").arg(overlap.message()));
    if (!inConfig.isEmpty())
        return;
    for (const auto& overlap : AllowedIpsOverlap::find(AllowedIpsOverlap::peersOfInterface(m_topology, m_hubId)))
        conflict(overlap.message());
}

void ServerImportMerge::followAddresses(const QString& oldKey, const QStringList& allowedIps)
{
    // A made-up client interface also has made-up addresses: it takes the address the server routes to it.
    const QList<IpNetwork> routed = networksOf(allowedIps);
    if (routed.isEmpty())
        return;
    for (WireGuardInterface& wgInterface : m_topology.interfaces) {
        if (!wgInterface.placeholderKey || wgInterface.publicKey != oldKey)
            continue;
        for (QString& address : wgInterface.addresses) {
            const auto own = IpNetwork::parse(address);
            if (!own)
                continue;
            const auto sameFamily = std::find_if(routed.begin(), routed.end(),
                [&own](const IpNetwork& range) { return range.isIpv6() == own->isIpv6(); });
            const bool routedHere = std::any_of(routed.begin(), routed.end(), [&own](const IpNetwork& range) {
                return range.isIpv6() == own->isIpv6() && range.contains(own->address());
            });
            if (!routedHere && sameFamily != routed.end())
                address = sameFamily->withPrefix(own->prefixLength()).toString();
        }
    }
}

void ServerImportMerge::replaceKey(const QString& oldKey, const QString& newKey)
{
    for (WireGuardInterface& wgInterface : m_topology.interfaces) {
        if (wgInterface.publicKey == oldKey) {
            wgInterface.publicKey = newKey;
            wgInterface.placeholderKey = false;
        }
    }
    for (WireGuardPeer& peer : m_topology.peers) {
        if (peer.publicKey == oldKey) {
            peer.publicKey = newKey;
            peer.placeholderKey = false;
        }
    }
}
