// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "telemetry/HostState.h"
#include "telemetry/SourceStatus.h"
#include "telemetry/TelemetrySnapshot.h"
#include "telemetry/TunnelState.h"
#include "telemetry/UnknownPeer.h"
#include "topology/Topology.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

/**
 * The live network: the topology joined with the newest telemetry. Matches each public key to the topology's
 * peers, lets the hub's view of a tunnel win while it is fresh, and evaluates every peer's and host's state against
 * the data server's clock. Keys that no topology entry names and no fresh report carries are dropped. The diagram,
 * the tree and the CLI read from here; none of them knows which source produced the numbers.
 */
class NetworkState : public QObject
{
    Q_OBJECT

public:
    struct Summary
    {
        int peers = 0;
        int online = 0;
        int stale = 0;
        int offline = 0;
        int never = 0;
        int unknown = 0;
    };

    explicit NetworkState(const Clock* clock, QObject* parent = nullptr);

    void setTopology(const Topology& topology);
    const Topology& topology() const { return m_topology; }
    void setPollIntervalSeconds(int seconds);
    int pollIntervalSeconds() const { return m_pollIntervalSeconds; }

    void applySnapshot(const TelemetrySnapshot& snapshot);
    void applyStatus(const SourceStatus& status);
    /// Re-evaluates ages against the clock without new data (a handshake ages even when nothing arrives).
    void reevaluate();

    const QList<TunnelState>& tunnels() const { return m_tunnels; }
    const TunnelState* tunnel(const QString& id) const;
    QList<const TunnelState*> tunnelsOfHost(const QString& hostId) const;
    const QList<UnknownPeer>& unknownPeers() const { return m_unknownPeers; }
    HostState hostState(const QString& hostId) const;
    const SourceStatus& sourceStatus() const { return m_status; }
    const TelemetrySnapshot& lastSnapshot() const { return m_snapshot; }
    QDateTime lastUpdate() const { return m_snapshot.takenAt; }
    /// The data server's time now (the laptop's clock corrected by the last snapshot's server offset): what sample
    /// times are compared with.
    QDateTime serverNow() const;
    Summary summary() const;
    /// How many times telemetry was joined with the topology: once per poll, not once per signal of the source.
    quint64 joinCount() const { return m_joins; }
    /// The topology host a Telegraf/Alloy host tag names, matched on id, name, FQDN or its first label.
    QString hostIdForTag(const QString& tag) const;

Q_SIGNALS:
    void topologyChanged();
    void stateChanged();
    void sourceStatusChanged(const SourceStatus& status);

private:
    void buildTunnels();
    void joinTelemetry();
    void indexHostTelemetry();
    const Clock* m_clock;
    Topology m_topology;
    TelemetrySnapshot m_snapshot;
    SourceStatus m_status;
    int m_pollIntervalSeconds = 10;
    quint64 m_joins = 0;
    QList<TunnelState> m_tunnels;
    QHash<QString, qsizetype> m_tunnelIndex;
    QHash<QString, QList<qsizetype>> m_tunnelsByHost; ///< host id to its tunnels, hub and client side
    QList<UnknownPeer> m_unknownPeers;
    QHash<QString, QString> m_hostIdByTag;
    QSet<QString> m_topologyKeys; ///< every public key the topology names
    QHash<QString, qsizetype> m_hostIndex;          ///< host id to its place in m_topology.hosts
    QHash<QString, qsizetype> m_hostTelemetryIndex; ///< host id to its entry in m_snapshot.hosts
    QHash<QString, qsizetype> m_logEventsIndex;     ///< host id to its entry in m_snapshot.logEvents
};
