// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

struct Topology;

/** tunnelscope-cli topology init|validate|from-wg|import-wg: the topology file. */
class TopologyCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("topology"); }
    QString summary() const override
    {
        return QStringLiteral("write the reference deployment or your server's network (from its wg0.conf) to a file, "
                              "check a topology file, merge a wg0.conf into one");
    }
    int run(const QStringList& arguments, CliContext& context) override;

private:
    int init(const QStringList& arguments, CliContext& context);
    int validate(const QStringList& arguments, CliContext& context);
    int importWireGuardConfig(const QStringList& arguments, CliContext& context);
    int fromWireGuardConfig(const QStringList& arguments, CliContext& context);
    static void printBuilt(CliContext& context, const Topology& topology, const QString& path);
};
