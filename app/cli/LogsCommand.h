// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

#include <QtGlobal>

#include <optional>

class QCommandLineParser;
struct DataSource;

/** tunnelscope-cli logs --host NAME [...]: a host's Loki lines, oldest first, as time, job, line. */
class LogsCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("logs"); }
    QString summary() const override { return QStringLiteral("print a host's log lines from Loki"); }
    int run(const QStringList& arguments, CliContext& context) override;

    /// "15m", "1h", "7d", "90s" in seconds, at most 3650 days; nullopt, with *error saying why, when not.
    static std::optional<qint64> parseDuration(const QString& text, QString* error);

private:
    static void addOptions(QCommandLineParser& parser);
    /// The data source that gives the default URL, tenant and user: --topology's first, else the embedded one.
    static std::optional<DataSource> defaultSource(const QCommandLineParser& parser, CliContext& context, bool* failed);
};
