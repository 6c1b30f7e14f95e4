// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerImportPlan.h"

#include "adopt/ServerConfigReader.h"
#include "adopt/ServerImportMerge.h"

ServerImportPlan ServerImportPlan::make(
    const Topology& topology, const ServerConfig& config, const ServerImportOptions& options)
{
    return ServerImportMerge(topology, config, options).run();
}

ServerImportPlan ServerImportPlan::make(const Topology& topology, const QString& text, const ServerImportOptions& options)
{
    const ServerConfigReadResult read = ServerConfigReader::read(text);
    if (!read.ok()) {
        ServerImportPlan plan;
        plan.m_before = topology;
        plan.m_after = topology;
        for (const auto& error : read.errors)
            plan.m_conflicts.append({error.message, error.line});
        plan.m_warnings = read.warnings;
        return plan;
    }
    ServerImportPlan plan = make(topology, read.config, options);
    plan.m_warnings = read.warnings + plan.m_warnings;
    return plan;
}

QList<ServerImportChange> ServerImportPlan::changes(ServerImportChange::Kind kind) const
{
    QList<ServerImportChange> selected;
    for (const auto& change : m_changes) {
        if (change.kind == kind)
            selected.append(change);
    }
    return selected;
}

QList<ServerImportChange> ServerImportPlan::changedPeers() const
{
    QList<ServerImportChange> selected;
    for (const auto& change : m_changes) {
        if (change.kind == ServerImportChange::Kind::Changed || change.kind == ServerImportChange::Kind::KeyChanged)
            selected.append(change);
    }
    return selected;
}

QString ServerImportPlan::countsLine() const
{
    QString line = QStringLiteral("%1 added, %2 changed, %3 removed on the server, %4 conflicts")
                       .arg(added().size())
                       .arg(changedPeers().size())
                       .arg(removedOnServer().size())
                       .arg(m_conflicts.size());
    if (hubKeyAdopted())
        line += QStringLiteral("; the hub's key is the server's");
    return line;
}

QStringList ServerImportPlan::summaryLines() const
{
    QStringList lines{countsLine()};
    for (const auto& change : m_changes)
        lines.append(change.text());
    for (const auto& conflict : m_conflicts)
        lines.append(QStringLiteral("conflict: ") + conflict.toString());
    return lines;
}
