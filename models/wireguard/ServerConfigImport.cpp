// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/ServerConfigImport.h"

#include "adopt/ServerConfigReader.h"
#include "adopt/ServerImportPlan.h"

namespace {

ServerConfigImportResult resultOf(const ServerImportPlan& plan)
{
    ServerConfigImportResult result;
    result.topology = plan.apply();
    for (const auto& change : plan.added())
        result.addedPeers.append(change.name);
    for (const auto& change : plan.changedPeers())
        result.updatedPeers.append(change.name);
    result.usedAddresses = plan.usedAddresses();
    result.warnings = plan.warnings();
    for (const auto& change : plan.changes()) {
        if (change.kind != ServerImportChange::Kind::Added)
            result.warnings.append(change.text());
    }
    for (const auto& conflict : plan.conflicts())
        result.errors.append({conflict.line, conflict.message});
    return result;
}

} // namespace

namespace ServerConfigImport {

ServerConfigImportResult apply(const Topology& topology, const QString& configText)
{
    return resultOf(ServerImportPlan::make(topology, configText));
}

ServerConfigImportResult apply(const Topology& topology, const WireGuardConfig& config)
{
    const ServerConfigReadResult read = ServerConfigReader::fromWireGuardConfig(config);
    if (!read.ok()) {
        ServerConfigImportResult result;
        result.topology = topology;
        result.errors = read.errors;
        return result;
    }
    return resultOf(ServerImportPlan::make(topology, read.config));
}

} // namespace ServerConfigImport
