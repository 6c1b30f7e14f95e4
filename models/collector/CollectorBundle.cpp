// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/CollectorBundle.h"

#include "collector/CollectorConfigs.h"
#include "collector/ConfigQuoting.h"
#include "wireguard/SecureBytes.h"
#include "wireguard/WireGuardKey.h"

namespace {

const QString peerBlockName = QStringLiteral("server-peer.conf");
const QString pskName = QStringLiteral("server-peer.psk");

QString serverSteps(const CollectorPlan& plan, bool withPsk)
{
    return QStringLiteral("On **%1** (as root), copy this folder there and run `sh server-add-peer.sh`: it runs `%2` "
                          "(no restart, existing tunnels stay up) and appends `%3` to `/etc/wireguard/%4.conf` so the "
                          "peer survives a restart.%5")
        .arg(plan.serverName, CollectorConfigs::wgSetCommand(plan, QStringLiteral("<public key>"),
                                 withPsk ? pskName : QString()),
            peerBlockName, plan.serverInterfaceName,
            withPsk ? QStringLiteral(" Then delete `%1` there: it is a secret.").arg(pskName) : QString());
}

QStringList collectorSteps(const CollectorPlan& plan)
{
    return {
        QStringLiteral("On **%1**: install the tools: `apt install wireguard-tools telegraf alloy` (Telegraf and "
                       "Alloy from the Grafana and InfluxData repositories).")
            .arg(plan.hostName),
        QStringLiteral("On **%1**: `install -m 600 wg0.conf /etc/wireguard/%2.conf`, then "
                       "`systemctl enable --now wg-quick@%2`. Check with `ping -c 3 %3` and `wg show %2 latest-handshakes`.")
            .arg(plan.hostName, plan.interfaceName, plan.serverTunnelAddress),
        QStringLiteral("Firewall: on %1 run `sh firewall-server-ufw.sh` or `nft -f firewall-server.nft`; on %2 run "
                       "`sh firewall-client-ufw.sh` or `nft -f firewall-client.nft`. UDP %3 out of %2 and into %1; "
                       "the monitoring ports only through the tunnel.")
            .arg(plan.serverName, plan.hostName)
            .arg(plan.serverListenPort()),
        QStringLiteral("Telegraf: `install -m 640 -g telegraf telegraf.conf /etc/telegraf/telegraf.conf`; give it "
                       "CAP_NET_ADMIN for the wireguard input (`systemctl edit telegraf`: `[Service]` "
                       "`AmbientCapabilities=CAP_NET_ADMIN`), then `systemctl restart telegraf`."),
        QStringLiteral("Alloy: `install -m 644 config.alloy /etc/alloy/config.alloy`; make sure the `alloy` user is in "
                       "the groups `adm` and `systemd-journal` (without them the journal source reads nothing), then "
                       "`systemctl reload alloy`."),
        QStringLiteral("Verify from %1: `curl http://%2:8086/health` (InfluxDB) and `curl http://%2:3100/ready` (Loki); "
                       "Tunnelscope shows the first handshake, metrics and logs of %1.")
            .arg(plan.hostName, plan.serverTunnelAddress),
        QStringLiteral("Delete this folder's copies of `wg0.conf` and `%1` once installed: they hold secrets.").arg(pskName),
    };
}

} // namespace

CollectorBundle::~CollectorBundle()
{
    for (auto& file : m_files)
        SecureBytes::wipe(file.content);
}

void CollectorBundle::add(const QString& name, const QString& content, const QString& purpose)
{
    m_files.append({name, content.toUtf8(), purpose});
}

void CollectorBundle::addFile(const QString& name, const QByteArray& content, const QString& purpose)
{
    m_files.append({name, content, purpose});
}

const BundleFile* CollectorBundle::file(const QString& name) const
{
    for (const auto& file : m_files) {
        if (file.name == name)
            return &file;
    }
    return nullptr;
}

QStringList CollectorBundle::fileNames() const
{
    QStringList names;
    for (const auto& file : m_files)
        names.append(file.name);
    return names;
}

QString CollectorBundle::qrPayload() const
{
    const BundleFile* client = file(clientConfigName());
    return client ? QString::fromUtf8(client->content) : QString();
}

void CollectorBundle::addPresharedKey(const WireGuardKey& psk, const QString& purpose)
{
    QString pskText = psk.toBase64() + QLatin1Char('\n');
    add(pskName, pskText, purpose);
    SecureBytes::wipe(pskText);
}

void CollectorBundle::addServerFiles(
    const CollectorPlan& plan, const QString& publicKey, const WireGuardKey* psk, const QString& pskMissingNote)
{
    add(peerBlockName, CollectorConfigs::serverPeerBlock(plan, publicKey, psk, pskMissingNote),
        QStringLiteral("the [Peer] block for the server's wg0.conf%1")
            .arg(psk ? QStringLiteral(" (secret: holds the preshared key)") : QString()));
    if (psk)
        addPresharedKey(*psk, QStringLiteral("the preshared key for `wg set` (secret)"));
    add(QStringLiteral("server-add-peer.sh"),
        CollectorConfigs::serverAddPeerScript(plan, publicKey, psk ? pskName : QString(), peerBlockName),
        QStringLiteral("adds the peer on the server without a restart"));
}

void CollectorBundle::addCollectorFiles(const CollectorPlan& plan)
{
    add(QStringLiteral("telegraf.conf"), CollectorConfigs::telegrafConfig(plan), QStringLiteral("Telegraf config"));
    add(QStringLiteral("config.alloy"), CollectorConfigs::alloyConfig(plan), QStringLiteral("Alloy config"));
    add(QStringLiteral("firewall-client-ufw.sh"), CollectorConfigs::clientFirewallUfw(plan),
        QStringLiteral("UFW rules for the collector"));
    add(QStringLiteral("firewall-client.nft"), CollectorConfigs::clientFirewallNft(plan),
        QStringLiteral("nftables rules for the collector"));
    add(QStringLiteral("firewall-server-ufw.sh"), CollectorConfigs::serverFirewallUfw(plan),
        QStringLiteral("UFW rules for the server"));
    add(QStringLiteral("firewall-server.nft"), CollectorConfigs::serverFirewallNft(plan),
        QStringLiteral("nftables rules for the server"));
}

void CollectorBundle::addReadme(const CollectorPlan& plan, const QString& title, const QStringList& steps)
{
    // Admins copy commands from these steps into a root shell: no value may start a line of its own.
    using ConfigQuoting::commentText;
    QString text = QStringLiteral("# %1\n\nGenerated by Tunnelscope. Tunnel address **%2**, server **%3** (%4).\n\n"
                                  "## Files\n\n")
                       .arg(commentText(title), commentText(plan.tunnelAddress), commentText(plan.serverName),
                            commentText(plan.serverEndpoint));
    for (const auto& file : std::as_const(m_files))
        text += QStringLiteral("- `%1`: %2\n").arg(commentText(file.name), commentText(file.purpose));
    text += QStringLiteral("\n## Steps, in this order\n\n");
    for (qsizetype i = 0; i < steps.size(); ++i)
        text += QStringLiteral("%1. %2\n").arg(i + 1).arg(commentText(steps.at(i)));
    add(QStringLiteral("README.md"), text, QStringLiteral("these steps"));
}

CollectorBundle CollectorBundle::forNewPeer(const CollectorPlan& plan, const WireGuardKey& privateKey, const WireGuardKey* psk)
{
    CollectorBundle bundle;
    const QString publicKey = privateKey.publicKey().toBase64();
    bundle.add(clientConfigName(), CollectorConfigs::clientConfig(plan, privateKey, psk),
        QStringLiteral("the collector's WireGuard config (secret: holds its private key)"));
    bundle.addServerFiles(plan, publicKey, psk, {});
    bundle.addCollectorFiles(plan);
    QStringList steps{serverSteps(plan, psk != nullptr)};
    steps.append(collectorSteps(plan));
    bundle.addReadme(plan, QStringLiteral("Onboarding %1").arg(plan.hostName), steps);
    return bundle;
}

CollectorBundle CollectorBundle::forExport(const CollectorPlan& plan, const QString& clientPublicKey,
    const WireGuardKey* privateKey, const WireGuardKey* psk, const QString& missingKeyReason)
{
    CollectorBundle bundle;
    if (privateKey)
        bundle.add(clientConfigName(), CollectorConfigs::clientConfig(plan, *privateKey, psk),
            QStringLiteral("the collector's WireGuard config (secret: holds its private key)"));
    const QString pskNote = QStringLiteral("not exported (%1); keep the line the server has").arg(missingKeyReason);
    bundle.addServerFiles(plan, clientPublicKey, psk, pskNote);
    bundle.addCollectorFiles(plan);
    QStringList steps;
    if (!privateKey)
        steps.append(QStringLiteral("**No `wg0.conf` in this export:** %1. The collector's existing "
                                    "`/etc/wireguard/%2.conf` stays valid; to make a new one, rotate the key "
                                    "(`tunnelscope-cli peer rotate`).")
                         .arg(missingKeyReason, plan.interfaceName));
    steps.append(serverSteps(plan, psk != nullptr));
    steps.append(collectorSteps(plan));
    bundle.addReadme(plan, QStringLiteral("Configs of %1").arg(plan.hostName), steps);
    return bundle;
}

CollectorBundle CollectorBundle::forRotation(
    const CollectorPlan& plan, const QString& oldPublicKey, const WireGuardKey& newPrivateKey, const WireGuardKey* newPsk)
{
    CollectorBundle bundle;
    const QString newPublicKey = newPrivateKey.publicKey().toBase64();
    bundle.add(clientConfigName(), CollectorConfigs::clientConfig(plan, newPrivateKey, newPsk),
        QStringLiteral("the collector's new WireGuard config (secret: holds its new private key)"));
    bundle.add(peerBlockName, CollectorConfigs::serverPeerBlock(plan, newPublicKey, newPsk),
        QStringLiteral("the new [Peer] block, replacing the old one in the server's wg0.conf"));
    if (newPsk)
        bundle.addPresharedKey(*newPsk, QStringLiteral("the new preshared key for `wg set` (secret)"));
    bundle.add(QStringLiteral("server-rotate.sh"),
        CollectorConfigs::serverRotateScript(plan, oldPublicKey, newPublicKey, newPsk ? pskName : QString(), peerBlockName),
        QStringLiteral("switches the server from the old key to the new one without dropping the tunnel"));
    const QStringList steps{
        QStringLiteral("On **%1** (as root): run `bash server-rotate.sh` and leave it running. It adds the new key "
                       "as a second peer without AllowedIPs, so the old key keeps carrying traffic.")
            .arg(plan.serverName),
        QStringLiteral("On **%1**: `install -m 600 wg0.conf /etc/wireguard/%2.conf` and "
                       "`systemctl restart wg-quick@%2`. Traffic pauses for the seconds the handshake takes.")
            .arg(plan.hostName, plan.interfaceName),
        QStringLiteral("On **%1**: the script sees the new key's handshake, moves %2 to the new peer and removes the "
                       "old one. Replace the old [Peer] block in `/etc/wireguard/%3.conf` by `%4`.")
            .arg(plan.serverName, plan.tunnelHostRoute(), plan.serverInterfaceName, peerBlockName),
        QStringLiteral("Delete this folder's copies of `wg0.conf` and `%1`: they hold secrets.").arg(pskName),
    };
    bundle.addReadme(plan, QStringLiteral("Key rotation for %1").arg(plan.hostName), steps);
    return bundle;
}
