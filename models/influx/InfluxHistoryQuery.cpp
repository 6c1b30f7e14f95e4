// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxHistoryQuery.h"

#include "influx/InfluxResponseParser.h"

#include <QMap>

using namespace InfluxResponseParser;

namespace {

constexpr int MaxPoints = 400;
constexpr int NiceBuckets[] = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

} // namespace

InfluxHistoryQuery::InfluxHistoryQuery(QString publicKey, QString reportingHost, Range range, QString device)
    : m_publicKey(std::move(publicKey))
    , m_reportingHost(std::move(reportingHost))
    , m_device(std::move(device))
    , m_range(range)
{
}

QList<InfluxHistoryQuery::Range> InfluxHistoryQuery::ranges()
{
    return {Range::FifteenMinutes, Range::OneHour, Range::SixHours, Range::OneDay, Range::SevenDays};
}

int InfluxHistoryQuery::rangeSeconds(Range range)
{
    switch (range) {
    case Range::FifteenMinutes:
        return 15 * 60;
    case Range::OneHour:
        return 3600;
    case Range::SixHours:
        return 6 * 3600;
    case Range::OneDay:
        return 24 * 3600;
    case Range::SevenDays:
        break;
    }
    return 7 * 24 * 3600;
}

QString InfluxHistoryQuery::rangeTitle(Range range)
{
    switch (range) {
    case Range::FifteenMinutes:
        return QStringLiteral("15 min");
    case Range::OneHour:
        return QStringLiteral("1 h");
    case Range::SixHours:
        return QStringLiteral("6 h");
    case Range::OneDay:
        return QStringLiteral("24 h");
    case Range::SevenDays:
        break;
    }
    return QStringLiteral("7 d");
}

int InfluxHistoryQuery::bucketSeconds(Range range)
{
    const int seconds = rangeSeconds(range);
    for (const int bucket : NiceBuckets) {
        if (seconds / bucket <= MaxPoints)
            return bucket;
    }
    return NiceBuckets[std::size(NiceBuckets) - 1];
}

InfluxQuery InfluxHistoryQuery::query() const
{
    QString where = QStringLiteral(R"("public_key" = %1 AND "host" = %2)")
                        .arg(InfluxQuery::quoteLiteral(m_publicKey), InfluxQuery::quoteLiteral(m_reportingHost));
    if (!m_device.isEmpty())
        where += QStringLiteral(R"( AND "device" = %1)").arg(InfluxQuery::quoteLiteral(m_device));
    // One bucket more than the range, so the first visible bucket has a rate too.
    const int bucket = bucketSeconds(m_range);
    where += QStringLiteral(" AND time > now() - %1s").arg(rangeSeconds(m_range) + bucket);
    const QString group = QStringLiteral(" GROUP BY time(%1s) fill(none)").arg(bucket);

    InfluxQuery query;
    query.epoch = InfluxQuery::Epoch::Milliseconds;
    query.statements.append(QStringLiteral(R"(SELECT non_negative_derivative(last("rx_bytes"),1s) AS "rx_Bps", )"
                                           R"(non_negative_derivative(last("tx_bytes"),1s) AS "tx_Bps" )"
                                           R"(FROM "wireguard_peer" WHERE )")
                            + where + group);
    query.statements.append(QStringLiteral(R"(SELECT last("last_handshake_time_ns") AS "handshake_ns" )"
                                           R"(FROM "wireguard_peer" WHERE )")
                            + where + group);
    return query;
}

QList<InfluxHistoryPoint> InfluxHistoryQuery::points(const InfluxResult& result, const QDateTime& now) const
{
    QMap<qint64, InfluxHistoryPoint> byTime;
    const auto epoch = InfluxQuery::Epoch::Milliseconds;
    const qint64 bucketMs = qint64(bucketSeconds(m_range)) * 1000;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (const auto* rates = result.statement(Rates)) {
        for (const auto& series : rates->series) {
            for (qsizetype row = 0; row < series.values.size(); ++row) {
                const qint64 time = timeFromCell(series.cell(row, QStringLiteral("time")), epoch).toMSecsSinceEpoch();
                InfluxHistoryPoint& point = byTime[time];
                point.timeMs = time;
                // A bucket still filling holds only part of its period's growth: its rate would read low.
                if (time + bucketMs > nowMs)
                    continue;
                point.rxBytesPerSecond = numberFromCell(series.cell(row, QStringLiteral("rx_Bps")));
                point.txBytesPerSecond = numberFromCell(series.cell(row, QStringLiteral("tx_Bps")));
            }
        }
    }
    if (const auto* handshakes = result.statement(Handshakes)) {
        for (const auto& series : handshakes->series) {
            for (qsizetype row = 0; row < series.values.size(); ++row) {
                const qint64 time = timeFromCell(series.cell(row, QStringLiteral("time")), epoch).toMSecsSinceEpoch();
                const auto handshakeNs = integerFromCell(series.cell(row, QStringLiteral("handshake_ns")));
                // The first bucket only primes the rates; keep it out unless it has a rate of its own.
                if (!handshakeNs || (!byTime.contains(time) && time < nowMs - qint64(rangeSeconds(m_range)) * 1000))
                    continue;
                InfluxHistoryPoint& point = byTime[time];
                point.timeMs = time;
                const QDateTime handshake = handshakeFromNanoseconds(*handshakeNs);
                if (handshake.isValid()) {
                    const qint64 endMs = std::min(time + bucketMs, nowMs);
                    point.handshakeAgeSeconds = std::max<qint64>(0, (endMs - handshake.toMSecsSinceEpoch()) / 1000);
                }
            }
        }
    }
    return byTime.values();
}
