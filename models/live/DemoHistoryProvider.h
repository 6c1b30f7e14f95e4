// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "live/PeerHistoryProvider.h"
#include "topology/Topology.h"

/**
 * Made-up history for the demo source, at the rates DemoTelemetrySource uses for the same tunnel (logs and
 * metrics flows through the tunnel, the same ten-minute swell) and its two-minute rekey rhythm. Always labelled
 * as demo by whoever shows it.
 */
class DemoHistoryProvider final : public PeerHistoryProvider
{
    Q_OBJECT

public:
    DemoHistoryProvider(const Topology& topology, const Clock* clock, QObject* parent = nullptr);

    void setTopology(const Topology& topology) { m_topology = topology; }
    bool isDemo() const override { return true; }
    QString sourceName() const override { return QStringLiteral("Demo data"); }
    quint64 request(const Request& request) override;
    void cancel(quint64 requestId) override;

    /// The history itself, without the asynchronous answer; for tests.
    QList<InfluxHistoryPoint> points(const Request& request, const QDateTime& now) const;

private:
    Topology m_topology;
    const Clock* m_clock;
    QList<quint64> m_cancelled;
};
