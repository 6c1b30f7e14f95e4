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
 * their answers into the newest known state of every peer and host. After the first answer it asks only for
 * points newer than the newest it has (minus a small overlap for agents that flush late). No network here.
 */
class TelegrafPoll
{
public:
    /// The statements of one cycle, in this order; the ids are their statement_id in the answer.
    enum Statement { PeerRates = 0, PeerSamples, PeerFields, HostUptime, HostLoad, HostCpu, HostMemory, StatementCount };

    static constexpr int FirstLookbackSeconds = 3600; ///< how far back the first cycle looks for last values
    static constexpr int OverlapSeconds = 30;         ///< re-read this much before the newest point (late flushes)
    /// Rates come from buckets no longer than Telegraf's usual interval, so that a bucket never holds part of
    /// the samples of a longer period (its derivative would under-report); empty buckets are skipped and the
    /// derivative divides by the real distance. The poll interval does not change this.
    static constexpr int DefaultRateBucketSeconds = 10;
    /// Rate queries re-read this much before the newest rate, so agents sending every minute still give two points.
    static constexpr int RateLookbackSeconds = 150;

    explicit TelegrafPoll(int rateBucketSeconds = DefaultRateBucketSeconds);

    int rateBucketSeconds() const { return m_bucketSeconds; }
    InfluxQuery nextQuery() const;
    /// Merges a successful answer; statements that are missing or empty change nothing.
    void apply(const InfluxResult& result);
    /// Forgets how far it has read (after a long outage) so the next query is a first one again; keeps the data.
    void restartWindow();
    bool isFirstQuery() const { return !m_newestPeerMs && !m_newestHostMs && !m_newestRateMs; }

    TelemetrySnapshot snapshot(const QDateTime& takenAt) const;
    const QMap<QString, PeerTelemetry>& peers() const { return m_peers; }
    const QMap<QString, HostTelemetry>& hosts() const { return m_hosts; }

    /// The key of a peer entry: one per reporting host, interface and public key.
    static QString peerKey(const QString& host, const QString& device, const QString& publicKey);

private:
    static QString timeCondition(const std::optional<qint64>& newestMs, int lookbackSeconds, int overlapSeconds);
    PeerTelemetry& peerFor(const InfluxSeries& series);
    HostTelemetry& hostFor(const InfluxSeries& series);
    void applyRates(const InfluxStatementResult& statement);
    void applySamples(const InfluxStatementResult& statement);
    void applyFields(const InfluxStatementResult& statement);
    void applyHostUptime(const InfluxStatementResult& statement);
    void applyHostNumber(const InfluxStatementResult& statement, const QString& column,
                         std::optional<double> HostTelemetry::*field, bool inverted);

    int m_bucketSeconds;
    QMap<QString, PeerTelemetry> m_peers; ///< ordered, so snapshots are stable
    QMap<QString, HostTelemetry> m_hosts;
    std::optional<qint64> m_newestPeerMs;
    std::optional<qint64> m_newestHostMs;
    std::optional<qint64> m_newestRateMs;
};
