// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

/** tunnelscope-cli topology init|validate: the topology file. */
class TopologyCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("topology"); }
    QString summary() const override
    {
        return QStringLiteral("write the reference deployment to a file, check a topology file, import a wg0.conf");
    }
    int run(const QStringList& arguments, CliContext& context) override;

private:
    int init(const QStringList& arguments, CliContext& context);
    int validate(const QStringList& arguments, CliContext& context);
    int importWireGuardConfig(const QStringList& arguments, CliContext& context);
};
