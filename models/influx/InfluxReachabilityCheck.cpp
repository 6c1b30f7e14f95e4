// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxReachabilityCheck.h"

InfluxReachabilityCheck::InfluxReachabilityCheck(const InfluxConnection& connection, QNetworkAccessManager* network,
                                                 const Clock* clock, QObject* parent)
    : NetworkCheck(parent)
    , m_client(network)
    , m_clock(clock)
{
    m_client.setConnection(connection);
}

void InfluxReachabilityCheck::run()
{
    InfluxProbeReply* reply = m_client.probe();
    connect(reply, &InfluxProbeReply::finished, this, [this](const InfluxProbeResult& probe) {
        CheckResult result;
        result.name = name();
        result.target = target();
        result.probe = probe.endpoint;
        result.ok = probe.ok;
        result.latencyMs = probe.latencyMs;
        result.detail = probe.message;
        result.version = probe.version;
        result.finishedAt = m_clock->now();
        Q_EMIT finished(result);
    });
}
