// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QByteArray>
#include <QDateTime>

/**
 * Telegraf-shaped line protocol for any topology, for scale tests and benchmarks: every sample, the hub's
 * collector reports each client's peer and each client reports the hub, with the two points per peer
 * inputs.wireguard writes, and every host writes its system uptime and load. Counters grow at a steady rate and
 * every handshake is recent, so every tunnel is online. Deterministic for a given topology and time.
 */
class ScaledTelegrafData
{
public:
    static constexpr int IntervalSeconds = 10;

    explicit ScaledTelegrafData(const Topology& topology);

    /// The points of sample index, stamped at time (every host's clock agrees with the server's).
    QByteArray sample(int index, const QDateTime& time) const;
    /// samples consecutive samples, the last one at last.
    QByteArray history(int samples, const QDateTime& last) const;
    int clientCount() const { return int(m_clients.size()); }

private:
    struct Client
    {
        QByteArray host;
        QByteArray key;
        QByteArray address;
    };
    QByteArray m_hubHost;
    QByteArray m_hubKey;
    QList<Client> m_clients;
};
