// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxQuery.h"
#include "influx/InfluxResult.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/** One bucket of a peer's history: rates averaged over the bucket, the handshake age at its end. */
struct InfluxHistoryPoint
{
    qint64 timeMs = 0; ///< start of the bucket
    std::optional<double> rxBytesPerSecond;
    std::optional<double> txBytesPerSecond;
    std::optional<qint64> handshakeAgeSeconds; ///< empty when the peer never handshaked (or no sample)

    friend bool operator==(const InfluxHistoryPoint&, const InfluxHistoryPoint&) = default;
};

/**
 * The history of one peer as one reporting host saw it, for the charts: aggregated on the server with
 * GROUP BY time(bucket), the bucket picked so that a range gives about 200-400 points.
 */
class InfluxHistoryQuery
{
public:
    enum class Range { FifteenMinutes, OneHour, SixHours, OneDay, SevenDays };
    enum Statement { Rates = 0, Handshakes };

    InfluxHistoryQuery(QString publicKey, QString reportingHost, Range range, QString device = {});

    static QList<Range> ranges();
    static int rangeSeconds(Range range);
    static QString rangeTitle(Range range); ///< "15 min", "1 h", ...
    /// The smallest of 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h giving at most 400 buckets.
    static int bucketSeconds(Range range);

    Range range() const { return m_range; }
    InfluxQuery query() const;
    /// The points of an answer to query(), oldest first; now caps the end of the last, still filling bucket.
    QList<InfluxHistoryPoint> points(const InfluxResult& result, const QDateTime& now) const;

private:
    QString m_publicKey;
    QString m_reportingHost;
    QString m_device;
    Range m_range;
};
