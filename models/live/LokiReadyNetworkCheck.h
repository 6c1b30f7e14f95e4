// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/NetworkCheck.h"
#include "loki/LokiReadyCheck.h"

class LokiClient;

/** "Loki /ready" as a NetworkCheck, so the Checks panel and `tunnelscope-cli check` treat it like the others. */
class LokiReadyNetworkCheck final : public NetworkCheck
{
    Q_OBJECT

public:
    /// `client` is not owned and must outlive the check.
    LokiReadyNetworkCheck(LokiClient* client, const Clock* clock, QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("Loki"); }
    QString target() const override;
    void run() override;

private:
    void onFinished(const LokiReadyCheck::Result& ready);

    LokiClient* m_client;
    const Clock* m_clock;
    LokiReadyCheck m_check;
};
