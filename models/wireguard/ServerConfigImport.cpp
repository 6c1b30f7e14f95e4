// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/ServerConfigImport.h"

#include "topology/TopologyNameRule.h"
#include "wireguard/AllowedIpsOverlap.h"
#include "wireguard/WireGuardKey.h"

#include <QRegularExpression>
#include <QSet>

namespace {

const WireGuardInterface* hubInterface(const Topology& topology)
{
    for (const auto& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            return &wgInterface;
    }
    return nullptr;
}

QString uniquePeerId(const Topology& topology, const QString& base)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._:-]+"));
    QString id = base;
    id.replace(unsafe, QStringLiteral("-"));
    const QString stem = id;
    for (int suffix = 2; topology.peer(id) && suffix < 10000; ++suffix)
        id = stem + QLatin1Char('-') + QString::number(suffix);
    return id;
}

void checkServerKey(const WireGuardConfig& config, const WireGuardInterface& hub, ServerConfigImportResult& result)
{
    const WireGuardConfigSection* section = config.interfaceSection();
    if (!section || !section->has(u"PrivateKey"))
        return;
    QString privateText = section->value(u"PrivateKey");
    const auto privateKey = WireGuardKey::fromBase64(privateText);
    SecureBytes::wipe(privateText);
    if (!privateKey)
        return; // the parser reported it
    const QString publicKey = privateKey->publicKey().toBase64();
    if (!hub.publicKey.isEmpty() && publicKey != hub.publicKey)
        result.errors.append({section->lineNumber(),
            QStringLiteral("this config's PrivateKey belongs to public key %1, but the hub interface \"%2\" has %3: "
                           "is this the server's config?")
                .arg(publicKey, hub.id, hub.publicKey)});
}

WireGuardPeer peerFromSection(const WireGuardConfigSection& section, const Topology& topology, const QString& hubId)
{
    WireGuardPeer peer;
    peer.publicKey = section.value(u"PublicKey");
    peer.name = TopologyNameRule::labelFrom(section.name()); // "# Name = Bob's phone" is free text
    peer.interfaceId = hubId;
    peer.hostId = topology.hostIdOfPublicKey(peer.publicKey);
    peer.allowedIps = section.values(u"AllowedIPs");
    peer.endpoint = section.value(u"Endpoint");
    peer.persistentKeepalive = section.value(u"PersistentKeepalive").toInt(); // "off" gives 0
    peer.presharedKey = section.has(u"PresharedKey");
    peer.clientConfigAvailable = false;
    return peer;
}

} // namespace

namespace ServerConfigImport {

ServerConfigImportResult apply(const Topology& topology, const QString& configText)
{
    WireGuardConfigParseResult parsed = WireGuardConfig::parse(configText);
    if (!parsed.ok()) {
        ServerConfigImportResult result;
        result.topology = topology;
        result.errors = parsed.errors;
        return result;
    }
    ServerConfigImportResult result = apply(topology, parsed.config);
    for (const auto& warning : std::as_const(parsed.warnings))
        result.warnings.append(warning.toString());
    return result;
}

ServerConfigImportResult apply(const Topology& topology, const WireGuardConfig& config)
{
    ServerConfigImportResult result;
    result.topology = topology;
    const WireGuardInterface* hub = hubInterface(topology);
    if (!hub) {
        result.errors.append({0, QStringLiteral("the topology has no hub interface to import the server's peers into")});
        return result;
    }
    checkServerKey(config, *hub, result);
    for (const auto& conflict : AllowedIpsOverlap::find(AllowedIpsOverlap::peersOfConfig(config)))
        result.errors.append({0, conflict.message()});
    if (!result.ok())
        return result;

    if (const auto* section = config.interfaceSection())
        result.usedAddresses.append(section->values(u"Address"));
    Topology& merged = result.topology;
    for (const WireGuardConfigSection* section : config.peers()) {
        WireGuardPeer imported = peerFromSection(*section, merged, hub->id);
        result.usedAddresses.append(imported.allowedIps);
        auto known = std::find_if(merged.peers.begin(), merged.peers.end(), [&](const WireGuardPeer& peer) {
            return peer.interfaceId == hub->id && peer.publicKey == imported.publicKey;
        });
        if (known != merged.peers.end()) {
            if (known->allowedIps != imported.allowedIps || known->presharedKey != imported.presharedKey) {
                result.warnings.append(QStringLiteral("peer \"%1\": the server's config says AllowedIPs %2, the "
                                                      "topology said %3; the server's config wins")
                        .arg(known->name, imported.allowedIps.join(QStringLiteral(", ")),
                            known->allowedIps.join(QStringLiteral(", "))));
                known->allowedIps = imported.allowedIps;
                known->presharedKey = imported.presharedKey;
                result.updatedPeers.append(known->name);
            }
            if (known->name.isEmpty())
                known->name = imported.name;
            continue;
        }
        if (imported.name.isEmpty())
            imported.name = TopologyNameRule::labelFrom(QStringLiteral("peer ") + imported.publicKey.left(8));
        imported.id = uniquePeerId(merged, hub->id + QLatin1Char('-') + imported.name);
        result.addedPeers.append(imported.name);
        merged.peers.append(imported);
    }
    // The merge must not create a hijack with peers the topology had but the file did not.
    for (const auto& conflict : AllowedIpsOverlap::find(AllowedIpsOverlap::peersOfInterface(merged, hub->id)))
        result.errors.append({0, conflict.message()});
    if (!result.ok())
        result.topology = topology;
    return result;
}

} // namespace ServerConfigImport
