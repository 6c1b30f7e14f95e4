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
        QStringLiteral(R"(SELECT "rx_bytes", "tx_bytes" FROM "wireguard_peer" WHERE %1)").arg(rateTime)
        + QLatin1String(PeerGroups) + QLatin1String(" ORDER BY time DESC LIMIT 2");
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
    // The two newest raw samples and their own times: a rate per time bucket would read low while the newest
    // bucket of a collector faster than the bucket is still filling, and a bucket longer than the collector's
    // interval would hide it.
    QMap<QString, qint64> shortestSpacingMs;
    for (const auto& series : statement.series) {
        const auto rate = rateOfNewestSamples(series);
        if (!rate)
            continue;
        PeerTelemetry& peer = peerFor(series);
        if (rate->rxBytesPerSecond)
            peer.rxBytesPerSecond = rate->rxBytesPerSecond;
        if (rate->txBytesPerSecond)
            peer.txBytesPerSecond = rate->txBytesPerSecond;
        // Gaps only lengthen the spacing, so the shortest among a host's peers is the best estimate of its interval.
        const QString host = series.tags.value(QStringLiteral("host"));
        if (!shortestSpacingMs.contains(host) || rate->spacingMs < shortestSpacingMs.value(host))
            shortestSpacingMs.insert(host, rate->spacingMs);
    }
    for (auto it = shortestSpacingMs.cbegin(); it != shortestSpacingMs.cend(); ++it)
        m_intervalByHost.insert(it.key(), std::max(1, int((it.value() + 500) / 1000)));
}

std::optional<TelegrafPoll::SampleRate> TelegrafPoll::rateOfNewestSamples(const InfluxSeries& series)
{
    // Rows come newest first, but nothing here depends on it.
    qsizetype newest = -1;
    qsizetype before = -1;
    QDateTime newestTime;
    QDateTime beforeTime;
    for (qsizetype row = 0; row < series.values.size(); ++row) {
        const QDateTime time = timeFromCell(series.cell(row, QStringLiteral("time")), Epoch);
        if (!time.isValid())
            continue;
        if (!newestTime.isValid() || time > newestTime) {
            before = newest;
            beforeTime = newestTime;
            newest = row;
            newestTime = time;
        } else if (!beforeTime.isValid() || time > beforeTime) {
            before = row;
            beforeTime = time;
        }
    }
    if (before < 0 || beforeTime >= newestTime)
        return std::nullopt;
    SampleRate rate;
    rate.spacingMs = beforeTime.msecsTo(newestTime);
    const auto perSecond = [&](const QString& column) -> std::optional<double> {
        const auto now = integerFromCell(series.cell(newest, column));
        const auto then = integerFromCell(series.cell(before, column));
        if (!now || !then || *now < *then) // a counter reset: no rate until two samples follow it
            return std::nullopt;
        return double(*now - *then) * 1000.0 / double(rate.spacingMs);
    };
    rate.rxBytesPerSecond = perSecond(QStringLiteral("rx_bytes"));
    rate.txBytesPerSecond = perSecond(QStringLiteral("tx_bytes"));
    return rate;
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
