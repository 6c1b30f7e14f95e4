// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/TelegrafPoll.h"

#include "influx/InfluxResponseParser.h"

using namespace InfluxResponseParser;

namespace {

constexpr auto Epoch = InfluxQuery::Epoch::Milliseconds;
const char* const PeerGroups = R"( GROUP BY "host","device","public_key")";

void raise(std::optional<qint64>& newest, const QDateTime& time)
{
    if (time.isValid() && (!newest || time.toMSecsSinceEpoch() > *newest))
        newest = time.toMSecsSinceEpoch();
}

/// Calls visit(series, row) with the newest row of every non-empty series of the statement.
template<typename Visit>
void forEachNewestRow(const InfluxStatementResult& statement, Visit visit)
{
    for (const auto& series : statement.series) {
        if (!series.values.isEmpty())
            visit(series, series.values.size() - 1);
    }
}

} // namespace

TelegrafPoll::TelegrafPoll(int bucketSeconds)
    : m_bucketSeconds(std::max(1, bucketSeconds))
{
}

QString TelegrafPoll::peerKey(const QString& host, const QString& device, const QString& publicKey)
{
    return host + QLatin1Char('|') + device + QLatin1Char('|') + publicKey;
}

QString TelegrafPoll::timeCondition(const std::optional<qint64>& newestMs, int lookbackSeconds, int overlapSeconds)
{
    // The first window is relative to the server's clock, later ones to the server's own timestamps: the
    // laptop's clock never decides what is asked for.
    if (!newestMs)
        return QStringLiteral("time > now() - %1s").arg(lookbackSeconds);
    return QStringLiteral("time > %1ms").arg(*newestMs - qint64(overlapSeconds) * 1000);
}

InfluxQuery TelegrafPoll::nextQuery() const
{
    const QString peerTime = timeCondition(m_newestPeerMs, FirstLookbackSeconds, OverlapSeconds);
    const QString hostTime = timeCondition(m_newestHostMs, FirstLookbackSeconds, OverlapSeconds);
    // A rate needs the point before the newest one, so the rate window always reaches back a little.
    const QString rateTime = timeCondition(m_newestRateMs, RateLookbackSeconds, RateLookbackSeconds);

    InfluxQuery query;
    query.epoch = Epoch;
    query.statements.resize(StatementCount);
    query.statements[PeerRates] =
        QStringLiteral(R"(SELECT non_negative_derivative(last("rx_bytes"),1s) AS "rx_Bps", )"
                       R"(non_negative_derivative(last("tx_bytes"),1s) AS "tx_Bps" FROM "wireguard_peer" WHERE %1)"
                       R"( GROUP BY time(%2s),"host","device","public_key" fill(none))")
            .arg(rateTime)
            .arg(m_bucketSeconds);
    query.statements[PeerSamples] =
        QStringLiteral(R"(SELECT last("rx_bytes") AS "rx_bytes" FROM "wireguard_peer" WHERE %1)").arg(peerTime)
        + QLatin1String(PeerGroups);
    query.statements[PeerFields] =
        QStringLiteral(R"(SELECT last("tx_bytes") AS "tx_bytes", last("last_handshake_time_ns") AS "handshake_ns", )"
                       R"(last("persistent_keepalive_interval_ns") AS "keepalive_ns", last("endpoint") AS "endpoint", )"
                       R"(last("allowed_peer_cidr") AS "allowed_peer_cidr" FROM "wireguard_peer" WHERE %1)")
            .arg(peerTime)
        + QLatin1String(PeerGroups);
    query.statements[HostUptime] =
        QStringLiteral(R"(SELECT last("uptime") AS "uptime" FROM "system" WHERE %1 GROUP BY "host")").arg(hostTime);
    query.statements[HostLoad] =
        QStringLiteral(R"(SELECT last("load1") AS "load1" FROM "system" WHERE %1 GROUP BY "host")").arg(hostTime);
    query.statements[HostCpu] = QStringLiteral(R"(SELECT last("usage_idle") AS "usage_idle" FROM "cpu" )"
                                               R"(WHERE "cpu" = 'cpu-total' AND %1 GROUP BY "host")")
                                    .arg(hostTime);
    query.statements[HostMemory] =
        QStringLiteral(R"(SELECT last("used_percent") AS "used_percent" FROM "mem" WHERE %1 GROUP BY "host")")
            .arg(hostTime);
    return query;
}

void TelegrafPoll::restartWindow()
{
    m_newestPeerMs.reset();
    m_newestHostMs.reset();
    m_newestRateMs.reset();
}

PeerTelemetry& TelegrafPoll::peerFor(const InfluxSeries& series)
{
    const QString host = series.tags.value(QStringLiteral("host"));
    const QString device = series.tags.value(QStringLiteral("device"));
    const QString publicKey = series.tags.value(QStringLiteral("public_key"));
    PeerTelemetry& peer = m_peers[peerKey(host, device, publicKey)];
    peer.reportingHost = host;
    peer.device = device;
    peer.publicKey = publicKey;
    return peer;
}

HostTelemetry& TelegrafPoll::hostFor(const InfluxSeries& series)
{
    const QString host = series.tags.value(QStringLiteral("host"));
    HostTelemetry& telemetry = m_hosts[host];
    telemetry.host = host;
    return telemetry;
}

void TelegrafPoll::apply(const InfluxResult& result)
{
    if (!result.ok())
        return;
    if (const auto* statement = result.statement(PeerSamples))
        applySamples(*statement);
    if (const auto* statement = result.statement(PeerFields))
        applyFields(*statement);
    if (const auto* statement = result.statement(PeerRates))
        applyRates(*statement);
    if (const auto* statement = result.statement(HostUptime))
        applyHostUptime(*statement);
    if (const auto* statement = result.statement(HostLoad))
        applyHostNumber(*statement, QStringLiteral("load1"), &HostTelemetry::load1, false);
    if (const auto* statement = result.statement(HostCpu))
        applyHostNumber(*statement, QStringLiteral("usage_idle"), &HostTelemetry::cpuBusyPercent, true);
    if (const auto* statement = result.statement(HostMemory))
        applyHostNumber(*statement, QStringLiteral("used_percent"), &HostTelemetry::memoryUsedPercent, false);
}

void TelegrafPoll::applySamples(const InfluxStatementResult& statement)
{
    forEachNewestRow(statement, [this](const InfluxSeries& series, qsizetype row) {
        PeerTelemetry& peer = peerFor(series);
        const QDateTime time = timeFromCell(series.cell(row, QStringLiteral("time")), Epoch);
        if (peer.sampleTime.isValid() && time < peer.sampleTime)
            return;
        peer.sampleTime = time;
        peer.rxBytes = integerFromCell(series.cell(row, QStringLiteral("rx_bytes"))).value_or(peer.rxBytes);
        raise(m_newestPeerMs, time);
    });
}

void TelegrafPoll::applyFields(const InfluxStatementResult& statement)
{
    // Several selectors in one statement: InfluxDB sets the row time to 0, so the sample time comes from
    // PeerSamples. Each field is its own last(), since Telegraf writes them as two points.
    forEachNewestRow(statement, [this](const InfluxSeries& series, qsizetype row) {
        PeerTelemetry& peer = peerFor(series);
        if (const auto tx = integerFromCell(series.cell(row, QStringLiteral("tx_bytes"))))
            peer.txBytes = *tx;
        if (const auto handshake = integerFromCell(series.cell(row, QStringLiteral("handshake_ns"))))
            peer.lastHandshake = handshakeFromNanoseconds(*handshake);
        if (const auto keepalive = integerFromCell(series.cell(row, QStringLiteral("keepalive_ns"))))
            peer.keepaliveSeconds = keepaliveSecondsFromNanoseconds(*keepalive);
        const QJsonValue endpoint = series.cell(row, QStringLiteral("endpoint"));
        if (endpoint.isString())
            peer.endpoint = endpoint.toString();
        const QJsonValue cidrs = series.cell(row, QStringLiteral("allowed_peer_cidr"));
        if (cidrs.isString())
            peer.allowedIps = splitCidrs(cidrs.toString());
    });
}

void TelegrafPoll::applyRates(const InfluxStatementResult& statement)
{
    // With buckets no longer than Telegraf's interval the newest bucket holds its whole sample, so its
    // derivative is already a true rate.
    forEachNewestRow(statement, [this](const InfluxSeries& series, qsizetype row) {
        PeerTelemetry& peer = peerFor(series);
        if (const auto rx = numberFromCell(series.cell(row, QStringLiteral("rx_Bps"))))
            peer.rxBytesPerSecond = rx;
        if (const auto tx = numberFromCell(series.cell(row, QStringLiteral("tx_Bps"))))
            peer.txBytesPerSecond = tx;
        raise(m_newestRateMs, timeFromCell(series.cell(row, QStringLiteral("time")), Epoch));
    });
}

void TelegrafPoll::applyHostUptime(const InfluxStatementResult& statement)
{
    forEachNewestRow(statement, [this](const InfluxSeries& series, qsizetype row) {
        HostTelemetry& host = hostFor(series);
        const QDateTime time = timeFromCell(series.cell(row, QStringLiteral("time")), Epoch);
        if (host.lastReport.isValid() && time < host.lastReport)
            return;
        host.lastReport = time;
        if (const auto uptime = integerFromCell(series.cell(row, QStringLiteral("uptime"))))
            host.uptimeSeconds = uptime;
        raise(m_newestHostMs, time);
    });
}

void TelegrafPoll::applyHostNumber(const InfluxStatementResult& statement, const QString& column,
                                   std::optional<double> HostTelemetry::*field, bool inverted)
{
    forEachNewestRow(statement, [&](const InfluxSeries& series, qsizetype row) {
        if (const auto value = numberFromCell(series.cell(row, column)))
            hostFor(series).*field = inverted ? 100.0 - *value : *value;
    });
}

TelemetrySnapshot TelegrafPoll::snapshot(const QDateTime& takenAt) const
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = takenAt;
    snapshot.peers = m_peers.values();
    snapshot.hosts = m_hosts.values();
    return snapshot;
}
