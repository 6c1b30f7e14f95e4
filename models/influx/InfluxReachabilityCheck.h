// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/InfluxClient.h"
#include "influx/NetworkCheck.h"
#include "topology/UrlUserInfo.h"

/** Is the InfluxDB reachable: /health where the version has it, else /ping, with the latency of the answer. */
class InfluxReachabilityCheck final : public NetworkCheck
{
    Q_OBJECT

public:
    InfluxReachabilityCheck(const InfluxConnection& connection, QNetworkAccessManager* network, const Clock* clock,
                            QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("InfluxDB"); }
    QString target() const override { return UrlUserInfo::displayed(m_client.connection().url); }
    void run() override;

private:
    InfluxClient m_client;
    const Clock* m_clock;
};
