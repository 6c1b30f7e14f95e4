// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/TelegrafPoll.h"

#include "influx/InfluxResponseParser.h"

#include <QSet>

using namespace InfluxResponseParser;

namespace {

constexpr auto Epoch = InfluxQuery::Epoch::Milliseconds;
const char* const PeerGroups = R"( GROUP BY "host","device","public_key")";

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

InfluxQuery TelegrafPoll::nextQuery() const
{
    // Relative to the server's clock only: a window that followed the newest timestamp seen would let one
    // collector whose clock runs ahead hide every other collector's points.
    const QString peerTime =
        QStringLiteral("time > now() - %1s").arg(m_answered ? RecentWindowSeconds : FirstLookbackSeconds);
    const QString hostTime = peerTime;
    // A rate needs the point before the newest one, so the rate window always reaches back a little.
    const QString rateTime = QStringLiteral("time > now() - %1s AND time < now() + %2s")
                                 .arg(RateLookbackSeconds)
                                 .arg(ClockAheadToleranceSeconds);

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
    m_answered = true;
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
    });
    learnIntervals(statement);
}

void TelegrafPoll::learnIntervals(const InfluxStatementResult& rates)
{
    // The rate buckets that hold points are as far apart as the collector's samples (at least one bucket): their
    // mean spacing is its interval. Gaps and counter resets only drop rows and lengthen it, so the shortest
    // spacing among a host's peers is the best estimate.
    QMap<QString, qint64> shortestMs;
    for (const auto& series : rates.series) {
        if (series.values.size() < 2)
            continue;
        const QDateTime first = timeFromCell(series.cell(0, QStringLiteral("time")), Epoch);
        const QDateTime last = timeFromCell(series.cell(series.values.size() - 1, QStringLiteral("time")), Epoch);
        if (!first.isValid() || !last.isValid() || last <= first)
            continue;
        const qint64 spacing = first.msecsTo(last) / (series.values.size() - 1);
        const QString host = series.tags.value(QStringLiteral("host"));
        if (!shortestMs.contains(host) || spacing < shortestMs.value(host))
            shortestMs.insert(host, spacing);
    }
    for (auto it = shortestMs.cbegin(); it != shortestMs.cend(); ++it)
        m_intervalByHost.insert(it.key(), std::max(1, int((it.value() + 500) / 1000)));
}

void TelegrafPoll::evictBefore(const QDateTime& cutoff)
{
    for (auto it = m_peers.begin(); it != m_peers.end();) {
        if (!it->sampleTime.isValid() || it->sampleTime < cutoff)
            it = m_peers.erase(it);
        else
            ++it;
    }
    // A host known only from cpu or mem carries no report time; it is replaced, not aged, by the next answers.
    for (auto it = m_hosts.begin(); it != m_hosts.end();) {
        if (it->lastReport.isValid() && it->lastReport < cutoff)
            it = m_hosts.erase(it);
        else
            ++it;
    }
    QSet<QString> reporting;
    for (const auto& peer : std::as_const(m_peers))
        reporting.insert(peer.reportingHost);
    for (auto it = m_intervalByHost.begin(); it != m_intervalByHost.end();) {
        if (!reporting.contains(it.key()) && !m_hosts.contains(it.key()))
            it = m_intervalByHost.erase(it);
        else
            ++it;
    }
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
    for (auto& peer : snapshot.peers)
        peer.reportIntervalSeconds = collectorIntervalSeconds(peer.reportingHost);
    snapshot.hosts = m_hosts.values();
    for (auto& host : snapshot.hosts)
        host.reportIntervalSeconds = collectorIntervalSeconds(host.host);
    return snapshot;
}
