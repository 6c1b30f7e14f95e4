// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorPlan.h"

#include <QString>

class WireGuardKey;

/**
 * The text of every file a collector needs, generated from one plan. Pure functions: same plan, same text.
 * Functions that take a key put it into the text; the caller wipes that text (SecureBytes::wipe) when done.
 */
namespace CollectorConfigs {

/// The collector's /etc/wireguard/wg0.conf. psk may be null (no preshared key).
QString clientConfig(const CollectorPlan& plan, const WireGuardKey& privateKey, const WireGuardKey* psk);
/// The [Peer] block to append to the server's wg0.conf. Without the psk text (export without the keychain),
/// pskMissingNote says so in a comment where the PresharedKey line belongs.
QString serverPeerBlock(const CollectorPlan& plan, const QString& clientPublicKey, const WireGuardKey* psk,
    const QString& pskMissingNote = {});
/// The command that adds the peer to the running server without a restart. pskFile: the file holding the
/// preshared key on the server, empty for none.
QString wgSetCommand(const CollectorPlan& plan, const QString& clientPublicKey, const QString& pskFile);
/// A shell script around wgSetCommand that also persists the block into the server's wg0.conf.
QString serverAddPeerScript(const CollectorPlan& plan, const QString& clientPublicKey, const QString& pskFile,
    const QString& peerBlockFile);
/// Key rotation, run on the server in three steps that keep the tunnel up (see the README).
QString serverRotateScript(const CollectorPlan& plan, const QString& oldPublicKey, const QString& newPublicKey,
    const QString& pskFile, const QString& peerBlockFile);
QString telegrafConfig(const CollectorPlan& plan);
QString alloyConfig(const CollectorPlan& plan);
QString clientFirewallUfw(const CollectorPlan& plan);
QString clientFirewallNft(const CollectorPlan& plan);
QString serverFirewallUfw(const CollectorPlan& plan);
QString serverFirewallNft(const CollectorPlan& plan);

} // namespace CollectorConfigs
