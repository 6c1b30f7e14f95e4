// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include "wireguard/PrivateKeyProvider.h"

#include <memory>

class QCommandLineParser;
class NetworkState;
class ServerImportPlan;
struct Topology;

/** tunnelscope-cli peer add|export|rotate|import|adopt: onboard a collector, export its configs, rotate its key,
 * merge the server's existing wg0.conf, adopt a peer that only the telemetry knows. */
class PeerCommand final : public CliCommand
{
public:
    /// keys: where export finds private and preshared keys (the keychain, once wired); none when null.
    explicit PeerCommand(std::unique_ptr<PrivateKeyProvider> keys = {});
    ~PeerCommand() override;

    QString name() const override { return QStringLiteral("peer"); }
    QString summary() const override
    {
        return QStringLiteral("add a collector peer (keys, configs, topology), export its configs, rotate its key");
    }
    int run(const QStringList& arguments, CliContext& context) override;

private:
    int add(const QStringList& arguments, CliContext& context);
    int exportPeer(const QStringList& arguments, CliContext& context);
    int rotate(const QStringList& arguments, CliContext& context);
    int importServerConfig(const QStringList& arguments, CliContext& context);
    static int finishImport(CliContext& context, const ServerImportPlan& plan, const QString& topologyPath,
        const QString& configName, bool dryRun);
    int adopt(const QStringList& arguments, CliContext& context);
    static int listUnknownPeers(CliContext& context, const NetworkState& state, const QString& topologyPath);
    QString loadExisting(QCommandLineParser& parser, const QStringList& arguments, Topology& topology, int& status);

    std::unique_ptr<PrivateKeyProvider> m_keys;
};
