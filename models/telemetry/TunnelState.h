// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>
#include <QString>

#include <optional>

/**
 * One WireGuard tunnel between two hosts of the topology, with its live state. Telemetry is always in the hub's
 * view: rx is what the hub received from the client (client -> hub), tx what it sent.
 */
struct TunnelState
{
    /// Where the endpoint shown for a tunnel comes from: Telegraf writes none before 1.39, so usually the config.
    enum class EndpointOrigin { None, Telemetry, Topology, ServerConfig };

    QString id;              ///< stable: the hub-side peer entry's id, or the client-side one
    QString hubHostId;       ///< the WireGuard server end
    QString clientHostId;    ///< the other end; may be empty for a peer entry whose host is unknown
    QString hubPeerId;       ///< the [Peer] entry on the hub's interface, if the topology has it
    QString clientPeerId;    ///< the [Peer] entry on the client's interface, if the topology has it
    QString clientPublicKey;
    QString hubPublicKey;
    QString name;            ///< the client's name as the user knows it
    int configuredKeepalive = 0;
    /// The hub entry's endpoint (the client's address), else the client entry's (the hub's, as the client dials it).
    QString configuredEndpoint;
    EndpointOrigin configuredEndpointOrigin = EndpointOrigin::None;
    bool configuredEndpointIsHubs = false;
    QString endpointReporter;         ///< the host whose telemetry gave telemetry->endpoint
    bool reportedEndpointIsHubs = false; ///< true when the client's end reported it: it names the hub
    QDateTime keyCreated; ///< the hub entry's key birth: a new peer nobody reports yet is pending, not unknown
    std::optional<PeerTelemetry> telemetry;
    bool reportedByHub = false; ///< false when the client's end reported it: the hub reported nothing, or nothing fresh
    /// "monitor11 (the hub)", "prod (the client's end; the hub's report is 5 min old)"; empty without telemetry
    QString reportedBy;
    PeerStatus status;

    /// The endpoint telemetry reports when it does, else the configured one.
    QString endpoint() const { return reportedEndpoint() ? telemetry->endpoint : configuredEndpoint; }
    EndpointOrigin endpointOrigin() const
    {
        return reportedEndpoint() ? EndpointOrigin::Telemetry : configuredEndpointOrigin;
    }
    /// "from topology: the hub's address, as the client dials it", "reported by monitor11: the client's address"
    QString endpointOriginText() const
    {
        switch (endpointOrigin()) {
        case EndpointOrigin::Telemetry:
            return QStringLiteral("reported by %1: %2").arg(endpointReporter, whose(reportedEndpointIsHubs));
        case EndpointOrigin::Topology:
            return QStringLiteral("from topology: %1").arg(whose(configuredEndpointIsHubs));
        case EndpointOrigin::ServerConfig:
            return QStringLiteral("from server config: %1").arg(whose(configuredEndpointIsHubs));
        case EndpointOrigin::None:
            break;
        }
        return {};
    }
    bool endpointIsHubs() const { return reportedEndpoint() ? reportedEndpointIsHubs : configuredEndpointIsHubs; }

    std::optional<double> clientToHubBytesPerSecond() const { return telemetry ? telemetry->rxBytesPerSecond : std::nullopt; }
    std::optional<double> hubToClientBytesPerSecond() const { return telemetry ? telemetry->txBytesPerSecond : std::nullopt; }

private:
    bool reportedEndpoint() const { return telemetry && !telemetry->endpoint.isEmpty(); }
    static QString whose(bool hubs)
    {
        return hubs ? QStringLiteral("the hub's address, as the client dials it") : QStringLiteral("the client's address");
    }
};
