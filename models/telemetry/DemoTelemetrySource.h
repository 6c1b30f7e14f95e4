// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "telemetry/TelemetrySource.h"
#include "topology/Topology.h"

#include <QHash>
#include <QTimer>

#include <random>

/**
 * Believable live telemetry for any topology, labelled as demo everywhere it shows. Counters grow at the rates
 * the reference user expects (logs 50-100 MB/h and metrics 5-10 MB/h from prod), handshakes come every two
 * minutes, and one tunnel at a time goes quiet now and then so that stale states show up.
 */
class DemoTelemetrySource final : public TelemetrySource
{
    Q_OBJECT

public:
    static constexpr int DefaultPollSeconds = 2;
    static constexpr int QuietCycleSeconds = 15 * 60; ///< every cycle the next tunnel goes quiet...
    static constexpr int QuietSeconds = 6 * 60;       ///< ...for this long, so it turns stale, then recovers

    DemoTelemetrySource(const Topology& topology, const Clock* clock, quint32 seed = 1, QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("Demo data"); }
    bool isDemo() const override { return true; }
    int pollIntervalSeconds() const override { return DefaultPollSeconds; }
    void start() override;
    void stop() override;
    void pollNow() override;
    SourceStatus status() const override;

    void setTopology(const Topology& topology);
    /// The snapshot the next poll will deliver; exposed so tests can check the numbers directly.
    TelemetrySnapshot takeSnapshot();

    /// The steady client -> hub rate of a tunnel from a host, in bytes per second, before variation.
    double baseUploadRate(const QString& clientHostId) const;

private:
    struct Counter
    {
        qint64 rx = 0;
        qint64 tx = 0;
    };
    struct TunnelPlan
    {
        QString key;
        double upload = 0;   ///< client -> hub, bytes/s
        double download = 0; ///< hub -> client, bytes/s
        double phase = 0;
        int handshakeOffset = 0; ///< seconds into the two-minute rekey cycle
        int quietSlot = 0;
    };

    void planTunnels();
    bool isQuiet(const TunnelPlan& plan, qint64 epochSeconds) const;
    QDateTime lastHandshake(const TunnelPlan& plan, qint64 epochSeconds) const;
    double variation(const TunnelPlan& plan, qint64 epochSeconds) const;

    Topology m_topology;
    const Clock* m_clock;
    std::mt19937 m_random;
    QTimer m_timer;
    QHash<QString, TunnelPlan> m_plans; ///< by pair of host ids
    QHash<QString, Counter> m_counters; ///< by reporting interface + peer key
    QDateTime m_lastPoll;
    qint64 m_origin = 0; ///< start of the first quiet cycle, in epoch seconds
};
