// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/DemoHistoryProvider.h"

#include "telemetry/DemoTelemetrySource.h"

#include <QTimer>

#include <cmath>
#include <numbers>

namespace {

constexpr double FallbackUploadRate = 2000;
constexpr double DownloadShare = 0.09; ///< as DemoTelemetrySource: acknowledgements and query answers
constexpr int RekeySeconds = 120;

double swell(qint64 epochSeconds, double phase)
{
    const double t = double(epochSeconds);
    return 1.0 + 0.25 * std::sin(2 * std::numbers::pi * t / 600.0 + phase)
        + 0.08 * std::sin(2 * std::numbers::pi * t / 50.0 + 2 * phase);
}

} // namespace

DemoHistoryProvider::DemoHistoryProvider(const Topology& topology, const Clock* clock, QObject* parent)
    : PeerHistoryProvider(parent)
    , m_topology(topology)
    , m_clock(clock)
{
}

QList<InfluxHistoryPoint> DemoHistoryProvider::points(const Request& request, const QDateTime& now) const
{
    const DemoTelemetrySource rates(m_topology, m_clock);
    double upload = rates.baseUploadRate(request.clientHostId);
    if (upload <= 0)
        upload = FallbackUploadRate;
    const double download = upload * DownloadShare;
    const double phase = double(qHash(request.clientHostId) % 628) / 100.0;

    const int bucket = InfluxHistoryQuery::bucketSeconds(request.range);
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    const qint64 first = (nowSeconds - InfluxHistoryQuery::rangeSeconds(request.range)) / bucket * bucket + bucket;
    QList<InfluxHistoryPoint> points;
    for (qint64 start = first; start + bucket <= nowSeconds; start += bucket) {
        InfluxHistoryPoint point;
        point.timeMs = start * 1000;
        const double factor = swell(start, phase);
        point.rxBytesPerSecond = upload * factor;
        point.txBytesPerSecond = download * factor;
        point.handshakeAgeSeconds = (start + bucket + qint64(phase * 10)) % RekeySeconds;
        points.append(point);
    }
    return points;
}

quint64 DemoHistoryProvider::request(const Request& request)
{
    const quint64 id = nextRequestId();
    // Answer from the event loop, like a server would.
    QTimer::singleShot(0, this, [this, id, request] {
        if (m_cancelled.removeOne(id))
            return;
        Result result;
        result.requestId = id;
        result.ok = true;
        result.to = m_clock->now();
        result.from = result.to.addSecs(-InfluxHistoryQuery::rangeSeconds(request.range));
        result.bucketSeconds = InfluxHistoryQuery::bucketSeconds(request.range);
        result.points = points(request, result.to);
        Q_EMIT historyReady(result);
    });
    return id;
}

void DemoHistoryProvider::cancel(quint64 requestId)
{
    m_cancelled.append(requestId);
}
