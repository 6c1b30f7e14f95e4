// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

/** A peer's Endpoint: host:port or [IPv6]:port, where host may be a name. */
struct WireGuardEndpoint
{
    QString host; ///< without brackets
    int port = 0;

    static std::optional<WireGuardEndpoint> parse(QStringView text, QString* error = nullptr);
    QString toString() const; ///< brackets around an IPv6 host

    friend bool operator==(const WireGuardEndpoint&, const WireGuardEndpoint&) = default;
};
