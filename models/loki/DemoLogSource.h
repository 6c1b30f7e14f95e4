// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LogFilter.h"
#include "loki/LokiEntry.h"

#include <QDateTime>
#include <QList>

/**
 * Believable log lines for the demo: wireguard, fail2ban, apache, mail and bind9 lines in the formats those
 * programs write, at steady rates per job. The same time always gives the same line, so follow mode in the demo
 * looks like a live tail. Everything it makes is labelled demo="true".
 */
class DemoLogSource
{
public:
    static constexpr int DefaultLimit = 500;

    /// Newest first, like a backward Loki query; the text filter behaves like |=.
    QList<LokiEntry> query(const LogFilter& filter, const QDateTime& now, int limit = DefaultLimit) const;
    static QStringList jobs() { return LogFilter::defaultJobs(); }
    /// Seconds between two lines of a job.
    static int periodSeconds(const QString& job);
    static QString line(const QString& host, const QString& job, quint64 variant, const QDateTime& time);

private:
    QList<LokiEntry> jobEntries(const LogFilter& filter, const QString& job, const QDateTime& now, int limit) const;
};
