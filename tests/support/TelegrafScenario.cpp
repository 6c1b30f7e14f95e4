// SPDX-License-Identifier: GPL-3.0-or-later
#include "TelegrafScenario.h"

namespace {

QByteArray escapedKey(const QString& key)
{
    return key.toLatin1().replace('=', "\\=");
}

QByteArray ns(const QDateTime& time)
{
    return QByteArray::number(time.toMSecsSinceEpoch() * 1000000LL);
}

/// The two points Telegraf writes per peer and gather: configuration fields, then gauges.
QByteArray peerLines(const char* host, const QString& key, const QByteArray& configFields, qint64 handshakeNs,
                     qint64 rx, qint64 tx, const QDateTime& time)
{
    const QByteArray series = "wireguard_peer,device=wg0,host=" + QByteArray(host) + ",public_key=" + escapedKey(key);
    return series + " allowed_ips=1i,protocol_version=1i," + configFields + ' ' + ns(time) + '\n' + series
        + " last_handshake_time_ns=" + QByteArray::number(handshakeNs) + "i,rx_bytes=" + QByteArray::number(rx)
        + "i,tx_bytes=" + QByteArray::number(tx) + "i " + ns(time) + '\n';
}

} // namespace

int TelegrafScenario::clockOffsetSeconds(const QByteArray& host)
{
    if (host == "prod")
        return ProdClockOffsetSeconds;
    if (host == "edge-02")
        return EdgeClockOffsetSeconds;
    if (host == AheadHost.toLatin1())
        return AheadClockOffsetSeconds;
    return 0;
}

TelegrafScenario::TelegrafScenario(const QDateTime& now)
{
    const qint64 alignedSeconds = now.toSecsSinceEpoch() / IntervalSeconds * IntervalSeconds;
    const QDateTime last = QDateTime::fromSecsSinceEpoch(alignedSeconds - 2 * IntervalSeconds, Qt::UTC);
    m_first = last.addSecs(-qint64(Samples - 1) * IntervalSeconds);
}

QDateTime TelegrafScenario::sampleTime(int index) const
{
    return m_first.addSecs(qint64(index) * IntervalSeconds);
}

qint64 TelegrafScenario::prodRxBytes(int index) const
{
    // Before the reset the counter had been running for a while; after it, it restarts from a few bytes.
    return index < ResetIndex ? 50000000 + qint64(ProdUploadRate) * IntervalSeconds * index
                              : 1234 + qint64(ProdUploadRate) * IntervalSeconds * (index - ResetIndex);
}

qint64 TelegrafScenario::prodTxBytes(int index) const
{
    return index < ResetIndex ? 9000000 + qint64(ProdDownloadRate) * IntervalSeconds * index
                              : 567 + qint64(ProdDownloadRate) * IntervalSeconds * (index - ResetIndex);
}

QByteArray TelegrafScenario::sample(int index) const
{
    const QDateTime hub = hostTime(index, "monitor11");
    const QDateTime prod = hostTime(index, "prod");
    const qint64 prodSkewMs = qint64(ProdClockOffsetSeconds) * 1000;
    const qint64 strangerBytes = 777000 + qint64(StrangerRate) * IntervalSeconds * index;
    QByteArray lines;
    lines += peerLines("monitor11", ProdKey, R"(allowed_peer_cidr="10.10.0.1/32",persistent_keepalive_interval_ns=0i)",
                       prodHandshake(index).toMSecsSinceEpoch() * 1000000LL, prodRxBytes(index), prodTxBytes(index), hub);
    lines += peerLines("monitor11", LaptopKey, R"(allowed_peer_cidr="10.10.0.2/32",persistent_keepalive_interval_ns=0i)",
                       NeverSentinel, 0, 0, hub);
    lines += peerLines("monitor11", StrangerKey,
                       R"(allowed_peer_cidr="10.10.0.99/32,fd00::99/128",persistent_keepalive_interval_ns=0i)",
                       strangerHandshake().toMSecsSinceEpoch() * 1000000LL, strangerBytes, strangerBytes, hub);
    // prod's kernel stamps the same handshake with prod's clock.
    lines += peerLines("prod", MonitorKey,
                       R"(allowed_peer_cidr="10.10.0.0/24",persistent_keepalive_interval_ns=25000000000i)",
                       (prodHandshake(index).toMSecsSinceEpoch() + prodSkewMs) * 1000000LL, prodTxBytes(index),
                       prodRxBytes(index), prod);
    lines += "system,host=monitor11 load1=0.25,load5=0.2,load15=0.1,n_cpus=2i " + ns(hub) + '\n';
    lines += "system,host=monitor11 uptime=" + QByteArray::number(6303171 + index * IntervalSeconds) + "i " + ns(hub) + '\n';
    lines += "system,host=prod load1=1.67,load5=1.2,load15=1.1,n_cpus=4i " + ns(prod) + '\n';
    lines += "system,host=prod uptime=" + QByteArray::number(ProdUptimeSeconds - (Samples - 1 - index) * IntervalSeconds)
        + "i " + ns(prod) + '\n';
    lines += "cpu,cpu=cpu-total,host=prod usage_idle=75,usage_user=20 " + ns(prod) + '\n';
    lines += "cpu,cpu=cpu0,host=prod usage_idle=10,usage_user=90 " + ns(prod) + '\n';
    lines += "mem,host=prod used_percent=40.5,available_percent=59.5 " + ns(prod) + '\n';
    return lines;
}

QByteArray TelegrafScenario::aheadCollectorSample(int index) const
{
    const QByteArray host = AheadHost.toLatin1();
    const QDateTime time = hostTime(index, host);
    const qint64 handshakeNs = time.addSecs(-ProdHandshakeAgeSeconds).toMSecsSinceEpoch() * 1000000LL;
    return peerLines(host.constData(), MonitorKey,
                     R"(allowed_peer_cidr="10.10.0.0/24",persistent_keepalive_interval_ns=25000000000i)", handshakeNs,
                     1000 + index, 2000 + index, time)
        + "system,host=" + host + " uptime=" + QByteArray::number(86400 + index * IntervalSeconds) + "i " + ns(time) + '\n';
}

QByteArray TelegrafScenario::lineProtocol() const
{
    QByteArray lines;
    for (int index = 0; index < Samples; ++index)
        lines += sample(index);
    const QDateTime edgeLast = hostTime(Samples - 1, "edge-02").addSecs(-EdgeSilentSeconds);
    for (int i = 0; i < 3; ++i)
        lines += "system,host=edge-02 uptime=5973140i,load1=1.08 " + ns(edgeLast.addSecs(-i * IntervalSeconds)) + '\n';
    return lines;
}

QByteArray TelegrafScenario::extraSample() const
{
    return sample(Samples);
}
