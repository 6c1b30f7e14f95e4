// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/LokiReadyNetworkCheck.h"

#include "loki/LokiClient.h"
#include "topology/UrlUserInfo.h"

LokiReadyNetworkCheck::LokiReadyNetworkCheck(LokiClient* client, const Clock* clock, QObject* parent)
    : NetworkCheck(parent)
    , m_client(client)
    , m_clock(clock)
    , m_check(client)
{
    connect(&m_check, &LokiReadyCheck::finished, this, &LokiReadyNetworkCheck::onFinished);
}

QString LokiReadyNetworkCheck::target() const
{
    return UrlUserInfo::displayed(m_client->connection().baseUrl);
}

void LokiReadyNetworkCheck::run()
{
    m_check.run();
}

void LokiReadyNetworkCheck::onFinished(const LokiReadyCheck::Result& ready)
{
    CheckResult result;
    result.name = name();
    result.target = target();
    result.probe = QStringLiteral("/ready");
    result.ok = ready.ok;
    result.latencyMs = ready.latencyMs;
    result.detail = ready.detail;
    result.finishedAt = m_clock->now();
    Q_EMIT finished(result);
}
