// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

#include <memory>
#include <vector>

class Clock;
class DataSourceOptions;
class NetworkCheck;
class QNetworkAccessManager;

/** tunnelscope-cli check: the user's network tests (InfluxDB reachable, ...) with latency and result. */
class CheckCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override { return QStringLiteral("test that the data source's servers answer, with latency"); }
    int run(const QStringList& arguments, CliContext& context) override;

private:
    /// Every check of the data source; Loki /ready and S3 checks are appended here.
    static std::vector<std::unique_ptr<NetworkCheck>> makeChecks(DataSourceOptions& options, QNetworkAccessManager* network,
                                                                 const Clock* clock);
};
