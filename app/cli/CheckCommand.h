// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"


/**
 * tunnelscope-cli check: the user's network tests run from here (InfluxDB /ping or /health, Loki /ready, each S3
 * service of the topology), each with its latency and result. Exit status 1 when any fails.
 */
class CheckCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override { return QStringLiteral("test that InfluxDB, Loki and the S3 storage answer, with latency"); }
    int run(const QStringList& arguments, CliContext& context) override;

};
