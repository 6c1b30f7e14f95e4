// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/PeerExport.h"

#include "collector/CollectorOnboarding.h"
#include "core/PrintableText.h"
#include "topology/TopologyNameRule.h"
#include "wireguard/PrivateKeyProvider.h"

#include <QDir>
#include <QFileInfo>

#include <optional>

namespace {

const WireGuardPeer* hubEntryOf(const Topology& topology, const QString& hostId)
{
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    if (!hub)
        return nullptr;
    for (const auto& peer : topology.peers) {
        if (peer.interfaceId == hub->id && peer.hostId == hostId)
            return &peer;
    }
    return nullptr;
}

} // namespace

namespace PeerExport {

QString importedReason()
{
    return QStringLiteral("this peer was imported from the server's config, so Tunnelscope never had its private key");
}

PeerExportTarget target(const Topology& topology, const QString& hostIdOrName)
{
    PeerExportTarget target;
    const OnboardingPlanResult planned = CollectorOnboarding::planForHost(topology, hostIdOrName);
    if (!planned.ok()) {
        target.error = planned.error;
        return target;
    }
    const Host* host = CollectorOnboarding::findHost(topology, hostIdOrName);
    target.plan = planned.plan;
    target.hostId = host->id;
    target.hostName = host->name;
    const WireGuardInterface* wgInterface = topology.interfaceOfHost(host->id);
    const WireGuardPeer* hubEntry = hubEntryOf(topology, host->id);
    target.publicKey = hubEntry ? hubEntry->publicKey : (wgInterface ? wgInterface->publicKey : QString());
    if (target.publicKey.isEmpty()) {
        target.error = QStringLiteral("host \"%1\" has no public key in the topology").arg(host->name);
        return target;
    }
    target.interfaceId = wgInterface ? wgInterface->id : QString();
    target.hubPeerId = hubEntry ? hubEntry->id : QString();
    target.presharedKey = hubEntry && hubEntry->presharedKey;
    target.imported = hubEntry && !hubEntry->clientConfigAvailable;
    return target;
}

QStringList exportableHosts(const Topology& topology)
{
    QStringList hosts;
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    if (!hub)
        return hosts;
    for (const auto& peer : topology.peers) {
        if (peer.interfaceId == hub->id && !peer.hostId.isEmpty() && topology.host(peer.hostId)
            && !hosts.contains(peer.hostId))
            hosts.append(peer.hostId);
    }
    return hosts;
}

QStringList importedPeersWithoutHost(const Topology& topology)
{
    QStringList names;
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    for (const auto& peer : topology.peers) {
        if (hub && peer.interfaceId == hub->id && !peer.clientConfigAvailable && !topology.host(peer.hostId))
            names.append(peer.name.isEmpty() ? peer.publicKey : peer.name);
    }
    return names;
}

PeerExportBundle bundle(const PeerExportTarget& target, PrivateKeyProvider& keys)
{
    PeerExportBundle result;
    std::optional<WireGuardKey> privateKey;
    if (target.imported)
        result.missingReason = importedReason();
    else if (target.interfaceId.isEmpty())
        result.missingReason = QStringLiteral("the topology has no WireGuard interface for %1").arg(target.hostName);
    else if (!(privateKey = keys.privateKey(target.interfaceId)))
        result.missingReason = QStringLiteral("its private key is not available: ") + keys.unavailableReason();
    const std::optional<WireGuardKey> psk = target.presharedKey ? keys.presharedKey(target.hubPeerId) : std::nullopt;
    result.bundle = CollectorBundle::forExport(target.plan, target.publicKey, privateKey ? &*privateKey : nullptr,
        psk ? &*psk : nullptr, result.missingReason);
    return result;
}

QString directoryFor(const QString& folder, const QString& hostName, QString* error)
{
    const QString label = TopologyNameRule::labelFrom(hostName);
    const QString base = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    const QString directory = QDir(base).filePath(label);
    // A label holds no '/' and is never "." or "..": this only guards the rule itself.
    if (label.isEmpty() || QFileInfo(directory).absolutePath() != base) {
        *error = QStringLiteral("no folder name can be made of the host name \"%1\"; rename the host to %2")
                     .arg(PrintableText::escaped(hostName), TopologyNameRule::labelRule());
        return {};
    }
    return directory;
}

} // namespace PeerExport
