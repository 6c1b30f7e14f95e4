// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

/** A peer's state with the reason for it, in words an admin understands. */
struct PeerStatus
{
    enum class State { Never, Online, Stale, Offline, Unknown };

    State state = State::Unknown;
    bool idle = false;      ///< no keepalive and no traffic: an old handshake is expected
    bool noTraffic = false; ///< recent handshake but nothing received over the window
    QString reason;
    std::optional<qint64> handshakeAgeSeconds;

    static QString stateName(State state); ///< "online", "stale", ...
    static QString stateTitle(State state); ///< "Online", "Stale", ...
    QString flagsText() const;             ///< "idle", "no traffic" or empty
    /// An unknown peer's telemetry is missing or too old to be the tunnel's now: its rates are only the last known.
    bool ratesAreCurrent() const { return state != State::Unknown; }

    friend bool operator==(const PeerStatus&, const PeerStatus&) = default;
};
