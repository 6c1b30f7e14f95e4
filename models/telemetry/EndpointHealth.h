// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

/** The health of one server a source talks to (its InfluxDB, its Loki), as the status bar shows it. */
struct EndpointHealth
{
    enum class State { Unknown, Ok, Failing };

    QString name; ///< "InfluxDB", "Loki", "Demo"
    State state = State::Unknown;
    QString message; ///< the error in the user's words when failing
    int latencyMs = -1;
    QDateTime lastSuccess;
    QDateTime lastAttempt;

    friend bool operator==(const EndpointHealth&, const EndpointHealth&) = default;
};
