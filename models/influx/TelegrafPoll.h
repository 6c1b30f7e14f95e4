// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxQuery.h"
#include "influx/InfluxResult.h"
#include "telemetry/HostTelemetry.h"
#include "telemetry/PeerTelemetry.h"
#include "telemetry/TelemetrySnapshot.h"

#include <QDateTime>
#include <QMap>

#include <optional>

/**
 * What Telegraf wrote, read in one InfluxQL request per poll cycle: the statements to send and the merging of
 * their answers into the newest known state of every peer and host. Every time window is relative to the server's
 * now(), never to a collector's timestamps: one collector whose clock runs ahead must not hide the others' points.
 * Learns each collector's interval from the spacing of its points. No network here.
 */
class TelegrafPoll
{
public:
    /// The statements of one cycle, in this order; the ids are their statement_id in the answer.
    enum Statement { PeerRates = 0, PeerSamples, PeerFields, HostUptime, HostLoad, HostCpu, HostMemory, StatementCount };

    static constexpr int FirstLookbackSeconds = 3600; ///< how far back the first cycle looks for last values
    /// Later cycles read the newest values of this last stretch of the server's time: long enough for any collector
    /// that writes at least every few minutes, short enough to stay cheap. A collector whose clock runs behind by
    /// more than this looks silent, which its data (judged against the server's clock) would be anyway.
    static constexpr int RecentWindowSeconds = 300;
    /// Data the server has not reported for this long is dropped: a fresh start would not find it either.
    static constexpr int RetentionSeconds = FirstLookbackSeconds;
    /// Rates come from the two newest samples of each peer and their own times, so they are true for any collector
    /// interval. The rate query reads this much of the server's recent time, so agents sending every minute still
    /// give two points.
    static constexpr int RateLookbackSeconds = 150;
    /// Points stamped further ahead of the server's clock than this are not read for rates: a collector whose
    /// clock runs ahead by less still has them.
    static constexpr int ClockAheadToleranceSeconds = 3600;

    InfluxQuery nextQuery() const;
    /// Merges a successful answer; statements that are missing or empty change nothing.
    void apply(const InfluxResult& result);
    /// Makes the next query a first one again (after a long outage), looking back further; keeps the data.
    void restartWindow() { m_answered = false; }
    bool isFirstQuery() const { return !m_answered; }
    /// Drops the peers and hosts whose newest sample is older than cutoff (the server's now minus RetentionSeconds).
    void evictBefore(const QDateTime& cutoff);
    /// The interval learnt for a collector (Telegraf's host tag), in seconds; 0 while not known.
    int collectorIntervalSeconds(const QString& host) const { return m_intervalByHost.value(host); }

    TelemetrySnapshot snapshot(const QDateTime& takenAt) const;
    const QMap<QString, PeerTelemetry>& peers() const { return m_peers; }
    const QMap<QString, HostTelemetry>& hosts() const { return m_hosts; }

    /// The key of a peer entry: one per reporting host, interface and public key.
    static QString peerKey(const QString& host, const QString& device, const QString& publicKey);

private:
    struct SampleRate
    {
        qint64 spacingMs = 0;
        std::optional<double> rxBytesPerSecond;
        std::optional<double> txBytesPerSecond;
    };
    static std::optional<SampleRate> rateOfNewestSamples(const InfluxSeries& series);
    PeerTelemetry& peerFor(const InfluxSeries& series);
    HostTelemetry& hostFor(const InfluxSeries& series);
    void applyRates(const InfluxStatementResult& statement);
    void applySamples(const InfluxStatementResult& statement);
    void applyFields(const InfluxStatementResult& statement);
    void applyHostUptime(const InfluxStatementResult& statement);
    void applyHostNumber(const InfluxStatementResult& statement, const QString& column,
                         std::optional<double> HostTelemetry::*field, bool inverted);

    QMap<QString, PeerTelemetry> m_peers; ///< ordered, so snapshots are stable
    QMap<QString, HostTelemetry> m_hosts;
    QMap<QString, int> m_intervalByHost;
    bool m_answered = false;
};
