// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include "wireguard/PrivateKeyProvider.h"

#include <memory>

class QCommandLineParser;
struct Topology;

/** tunnelscope-cli peer add|export|rotate|import: onboard a collector, export its configs, rotate its key, learn
 * the peers of the server's existing wg0.conf. */
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
    QString loadExisting(QCommandLineParser& parser, const QStringList& arguments, Topology& topology, int& status);

    std::unique_ptr<PrivateKeyProvider> m_keys;
};
