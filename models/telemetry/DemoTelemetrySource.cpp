// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetry/DemoTelemetrySource.h"

#include <cmath>
#include <numbers>

namespace {

constexpr double MegabytesPerHour = 1e6 / 3600.0;

bool hostRuns(const Host* host, const char* kind)
{
    if (!host)
        return false;
    for (const auto& service : host->services) {
        if (service.kind == QLatin1String(kind))
            return true;
    }
    return false;
}

QString pairOf(const QString& a, const QString& b)
{
    return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a;
}

} // namespace

DemoTelemetrySource::DemoTelemetrySource(const Topology& topology, const Clock* clock, quint32 seed, QObject* parent)
    : TelemetrySource(parent)
    , m_topology(topology)
    , m_clock(clock)
    , m_random(seed)
{
    m_timer.setInterval(DefaultPollSeconds * 1000);
    connect(&m_timer, &QTimer::timeout, this, &DemoTelemetrySource::pollNow);
    // Start four minutes into a quiet window, so the first screen already shows a stale tunnel.
    m_origin = m_clock->now().toSecsSinceEpoch() - 4 * 60;
    planTunnels();
}

void DemoTelemetrySource::setTopology(const Topology& topology)
{
    m_topology = topology;
    planTunnels();
}

double DemoTelemetrySource::baseUploadRate(const QString& clientHostId) const
{
    double rate = 0;
    for (const auto& flow : m_topology.flows) {
        if (flow.sourceHostId != clientHostId || !flow.viaTunnel)
            continue;
        // The middle of the expected ranges: logs 50-100 MB/h, metrics 5-10 MB/h.
        rate += flow.kind == DataFlow::Kind::Logs ? 75 * MegabytesPerHour : 7.5 * MegabytesPerHour;
    }
    return rate;
}

void DemoTelemetrySource::planTunnels()
{
    m_plans.clear();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int slot = 0;
    // Reverse order: the first tunnel to go quiet is the last one listed, so the busiest stays lively at start.
    for (auto it = m_topology.peers.crbegin(); it != m_topology.peers.crend(); ++it) {
        const WireGuardInterface* own = m_topology.interface(it->interfaceId);
        if (!own)
            continue;
        const QString key = pairOf(own->hostId, it->hostId.isEmpty() ? it->publicKey : it->hostId);
        if (m_plans.contains(key))
            continue;
        const QString clientHostId = own->isHub ? it->hostId : own->hostId;
        const Host* client = m_topology.host(clientHostId);
        TunnelPlan plan;
        plan.key = key;
        plan.upload = baseUploadRate(clientHostId);
        if (plan.upload > 0) {
            plan.download = plan.upload * 0.09; // TCP acknowledgements and Loki/Influx responses
        } else if (client && client->role == Host::Role::Workstation) {
            plan.upload = 400;    // the admin's queries
            plan.download = 6000; // their answers
        } else {
            plan.upload = 1000 + 19000 * unit(m_random);
            plan.download = plan.upload * 0.1;
        }
        plan.phase = 2 * std::numbers::pi * unit(m_random);
        plan.handshakeOffset = static_cast<int>(120 * unit(m_random));
        plan.quietSlot = slot++;
        m_plans.insert(key, plan);
    }
}

bool DemoTelemetrySource::isQuiet(const TunnelPlan& plan, qint64 epochSeconds) const
{
    if (m_plans.isEmpty() || epochSeconds < m_origin)
        return false;
    const qint64 elapsed = epochSeconds - m_origin;
    const qint64 cycle = elapsed / QuietCycleSeconds;
    return cycle % m_plans.size() == plan.quietSlot && elapsed % QuietCycleSeconds < QuietSeconds;
}

QDateTime DemoTelemetrySource::lastHandshake(const TunnelPlan& plan, qint64 epochSeconds) const
{
    qint64 at = epochSeconds;
    if (isQuiet(plan, epochSeconds)) {
        const qint64 elapsed = epochSeconds - m_origin;
        at = epochSeconds - elapsed % QuietCycleSeconds; // frozen at the start of the quiet window
    }
    const qint64 sinceRekey = ((at - plan.handshakeOffset) % 120 + 120) % 120;
    return QDateTime::fromSecsSinceEpoch(at - sinceRekey, Qt::UTC);
}

double DemoTelemetrySource::variation(const TunnelPlan& plan, qint64 epochSeconds) const
{
    // Slow swell over ten minutes, a faster ripple over one: traffic that looks alive but stays in range.
    const double t = static_cast<double>(epochSeconds);
    return 1.0 + 0.25 * std::sin(2 * std::numbers::pi * t / 600.0 + plan.phase)
        + 0.08 * std::sin(2 * std::numbers::pi * t / 50.0 + 2 * plan.phase);
}

TelemetrySnapshot DemoTelemetrySource::takeSnapshot()
{
    const QDateTime now = m_clock->now();
    const qint64 epoch = now.toSecsSinceEpoch();
    const double elapsed = m_lastPoll.isValid() ? std::max<qint64>(1, m_lastPoll.msecsTo(now)) / 1000.0 : 0.0;
    m_lastPoll = now;

    TelemetrySnapshot snapshot;
    snapshot.takenAt = now;
    for (const auto& entry : m_topology.peers) {
        const WireGuardInterface* own = m_topology.interface(entry.interfaceId);
        const Host* reporter = own ? m_topology.host(own->hostId) : nullptr;
        if (!hostRuns(reporter, "telegraf"))
            continue;
        const auto plan = m_plans.constFind(pairOf(own->hostId, entry.hostId.isEmpty() ? entry.publicKey : entry.hostId));
        if (plan == m_plans.cend())
            continue;
        const bool quiet = isQuiet(*plan, epoch);
        const double factor = quiet ? 0.0 : variation(*plan, epoch);
        const double rxRate = (own->isHub ? plan->upload : plan->download) * factor;
        const double txRate = (own->isHub ? plan->download : plan->upload) * factor;

        Counter& counter = m_counters[own->id + QLatin1Char('/') + entry.publicKey];
        if (elapsed == 0) {
            // As if the interface had been up for a day already.
            counter.rx = static_cast<qint64>(rxRate * 86400);
            counter.tx = static_cast<qint64>(txRate * 86400);
        }
        counter.rx += static_cast<qint64>(rxRate * elapsed);
        counter.tx += static_cast<qint64>(txRate * elapsed);

        PeerTelemetry telemetry;
        telemetry.reportingHost = reporter->name;
        telemetry.device = own->name;
        telemetry.publicKey = entry.publicKey;
        telemetry.rxBytesPerSecond = rxRate;
        telemetry.txBytesPerSecond = txRate;
        telemetry.rxBytes = counter.rx;
        telemetry.txBytes = counter.tx;
        telemetry.lastHandshake = lastHandshake(*plan, epoch);
        telemetry.keepaliveSeconds = entry.persistentKeepalive;
        telemetry.endpoint = entry.endpoint;
        telemetry.allowedIps = entry.allowedIps;
        telemetry.sampleTime = now;
        snapshot.peers.append(telemetry);
    }

    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const auto& host : m_topology.hosts) {
        if (hostRuns(&host, "telegraf")) {
            HostTelemetry telemetry;
            telemetry.host = host.name;
            // Within one poll interval: a ten-second Telegraf cadence would read as silent against a two-second
            // poll (fresh means at most three poll intervals old), and the hosts would flicker to "missing".
            telemetry.lastReport = QDateTime::fromSecsSinceEpoch(epoch - epoch % DefaultPollSeconds, Qt::UTC);
            telemetry.uptimeSeconds = 40 * 86400 + (epoch % 86400);
            telemetry.load1 = 0.2 + 0.6 * unit(m_random);
            telemetry.cpuBusyPercent = 4 + 20 * unit(m_random);
            telemetry.memoryUsedPercent = 35 + 10 * unit(m_random);
            snapshot.hosts.append(telemetry);
        }
        if (hostRuns(&host, "alloy")) {
            const qint64 hour = epoch / 3600;
            snapshot.logEvents.append({host.name, static_cast<int>(3 + hour % 5), static_cast<int>(12 + (hour * 7) % 25)});
            snapshot.hasLogEvents = true;
        }
    }
    return snapshot;
}

void DemoTelemetrySource::start()
{
    Q_EMIT statusChanged(status());
    pollNow();
    m_timer.start();
}

void DemoTelemetrySource::stop()
{
    m_timer.stop();
}

void DemoTelemetrySource::pollNow()
{
    Q_EMIT snapshotReady(takeSnapshot());
}

SourceStatus DemoTelemetrySource::status() const
{
    SourceStatus status;
    status.sourceName = name();
    status.demo = true;
    EndpointHealth health;
    health.name = QStringLiteral("Demo");
    health.state = EndpointHealth::State::Ok;
    health.message = QStringLiteral("generated numbers, not a live network");
    health.latencyMs = 0;
    health.lastSuccess = m_lastPoll;
    status.endpoints.append(health);
    return status;
}
