// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

#include <QJsonObject>

class NetworkState;
struct SourceStatus;

/**
 * tunnelscope-cli status: one poll of the data source, then every peer (name, key, tunnel addresses, rates,
 * handshake, state and reason), every host's reporting state and the source's health. Exit status 1 when a
 * source fails.
 */
class StatusCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override { return QStringLiteral("poll InfluxDB (and Loki) once and show every tunnel and host"); }
    int run(const QStringList& arguments, CliContext& context) override;

    /// The stable JSON document of --json ("format": "tunnelscope-status", "version": 1).
    static QJsonObject document(const NetworkState& state, const SourceStatus& status, const QDateTime& now);

private:
    static void printText(CliContext& context, const NetworkState& state, const SourceStatus& status);
};
