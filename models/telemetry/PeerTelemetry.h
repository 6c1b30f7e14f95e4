// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

/** What one WireGuard interface reports about one of its peers (Telegraf's wireguard_peer), at one time. */
struct PeerTelemetry
{
    QString reportingHost; ///< Telegraf's host tag: the machine whose interface saw this
    QString device;        ///< the interface, e.g. wg0
    QString publicKey;     ///< the peer's public key
    std::optional<double> rxBytesPerSecond; ///< received from the peer, reset-safe rate; empty when not known yet
    std::optional<double> txBytesPerSecond; ///< sent to the peer
    qint64 rxBytes = 0;
    qint64 txBytes = 0;
    QDateTime lastHandshake;   ///< invalid = never
    int keepaliveSeconds = 0;  ///< 0 = off
    QString endpoint; ///< only Telegraf 1.39 and later report it; empty otherwise
    QStringList allowedIps;
    QDateTime sampleTime; ///< when the reporting host took the sample, on its own clock
    int reportIntervalSeconds = 0; ///< the collector's interval, learnt from the spacing of its points; 0 = not yet

    friend bool operator==(const PeerTelemetry&, const PeerTelemetry&) = default;
};
