// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxHistoryQuery.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

/**
 * Where the charts get one peer's history from: InfluxDB (aggregated on the server) or made-up demo numbers.
 * A request answers exactly once, later, with historyReady; a cancelled one never answers.
 */
class PeerHistoryProvider : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString publicKey;     ///< the peer as the reporting host's WireGuard knows it
        QString reportingHost; ///< Telegraf's host tag of the end that reports it
        QString device;        ///< the WireGuard interface, empty for any
        QString clientHostId;  ///< the topology's client host, for the demo numbers
        InfluxHistoryQuery::Range range = InfluxHistoryQuery::Range::OneHour;
    };
    struct Result
    {
        quint64 requestId = 0;
        bool ok = false;
        QString error; ///< the source's own words when not ok
        QList<InfluxHistoryPoint> points;
        QDateTime from;
        QDateTime to;
        int bucketSeconds = 0;
    };

    using QObject::QObject;
    ~PeerHistoryProvider() override = default;

    virtual bool isDemo() const = 0;
    /// A short name of where the numbers come from, e.g. "InfluxDB monitor11" or "Demo data".
    virtual QString sourceName() const = 0;
    virtual quint64 request(const Request& request) = 0;
    virtual void cancel(quint64 requestId) = 0;

Q_SIGNALS:
    void historyReady(const PeerHistoryProvider::Result& result);

protected:
    quint64 nextRequestId() { return ++m_lastId; }

private:
    quint64 m_lastId = 0;
};
