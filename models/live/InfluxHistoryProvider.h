// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/InfluxClient.h"
#include "live/PeerHistoryProvider.h"

#include <QHash>
#include <QPointer>

/** Peer history from InfluxDB: one InfluxHistoryQuery per request, aggregated by the server. */
class InfluxHistoryProvider final : public PeerHistoryProvider
{
    Q_OBJECT

public:
    InfluxHistoryProvider(const InfluxConnection& connection, QNetworkAccessManager* network, const Clock* clock,
                          QObject* parent = nullptr);
    ~InfluxHistoryProvider() override;

    bool isDemo() const override { return false; }
    QString sourceName() const override;
    quint64 request(const Request& request) override;
    void cancel(quint64 requestId) override;

private:
    InfluxClient m_client;
    const Clock* m_clock;
    QHash<quint64, QPointer<InfluxQueryReply>> m_pending;
};
