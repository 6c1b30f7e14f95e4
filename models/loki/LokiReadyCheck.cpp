// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiReadyCheck.h"

#include "loki/LokiClient.h"

LokiReadyCheck::LokiReadyCheck(LokiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    connect(m_client, &LokiClient::readyFinished, this, &LokiReadyCheck::onReady);
}

void LokiReadyCheck::run()
{
    if (m_pendingId == 0)
        m_pendingId = m_client->checkReady();
}

void LokiReadyCheck::onReady(const LokiReadyResult& ready)
{
    if (ready.requestId != m_pendingId)
        return;
    m_pendingId = 0;
    Result result;
    result.name = QStringLiteral("Loki /ready");
    result.target = m_client->endpointUrl(QStringLiteral("/ready")).toString();
    result.ok = ready.ready;
    result.latencyMs = ready.latencyMs;
    result.detail = ready.ready ? QStringLiteral("ready") : ready.error.message;
    Q_EMIT finished(result);
}
