// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScaledTelegrafData.h"

namespace {

QByteArray escapedKey(const QString& key)
{
    return key.toLatin1().replace('=', "\\=");
}

QByteArray peerLines(const QByteArray& host, const QByteArray& key, const QByteArray& cidr, qint64 handshakeNs,
                     qint64 rx, qint64 tx, const QByteArray& stamp)
{
    const QByteArray series = "wireguard_peer,device=wg0,host=" + host + ",public_key=" + key;
    return series + " allowed_ips=1i,protocol_version=1i,allowed_peer_cidr=\"" + cidr
        + "\",persistent_keepalive_interval_ns=25000000000i " + stamp + '\n' + series
        + " last_handshake_time_ns=" + QByteArray::number(handshakeNs) + "i,rx_bytes=" + QByteArray::number(rx)
        + "i,tx_bytes=" + QByteArray::number(tx) + "i " + stamp + '\n';
}

QByteArray systemLine(const QByteArray& host, int index, const QByteArray& stamp)
{
    return "system,host=" + host + " load1=0.25,load5=0.2,load15=0.1,n_cpus=2i,uptime="
        + QByteArray::number(86400 + qint64(index) * ScaledTelegrafData::IntervalSeconds) + "i " + stamp + '\n';
}

} // namespace

ScaledTelegrafData::ScaledTelegrafData(const Topology& topology)
{
    const WireGuardInterface* hub = nullptr;
    for (const auto& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            hub = &wgInterface;
    }
    if (!hub)
        return;
    const Host* hubHost = topology.host(hub->hostId);
    m_hubHost = (hubHost ? hubHost->name : hub->hostId).toLatin1();
    m_hubKey = escapedKey(hub->publicKey);
    for (const auto& wgInterface : topology.interfaces) {
        const Host* host = topology.host(wgInterface.hostId);
        if (wgInterface.isHub || !host || wgInterface.publicKey.isEmpty())
            continue;
        const QString address = wgInterface.addresses.value(0).section(QLatin1Char('/'), 0, 0);
        m_clients.append({host->name.toLatin1(), escapedKey(wgInterface.publicKey), (address + QStringLiteral("/32")).toLatin1()});
    }
}

QByteArray ScaledTelegrafData::sample(int index, const QDateTime& time) const
{
    const QByteArray stamp = QByteArray::number(time.toMSecsSinceEpoch() * 1000000LL);
    const qint64 handshakeNs = (time.toMSecsSinceEpoch() - 20000) * 1000000LL;
    QByteArray lines;
    lines.reserve(qsizetype(m_clients.size()) * 700);
    lines += systemLine(m_hubHost, index, stamp);
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        const Client& client = m_clients.at(i);
        const qint64 rx = 1000000 + (i % 50 + 1) * 100 * qint64(index) * IntervalSeconds;
        const qint64 tx = 2000000 + (i % 30 + 1) * 40 * qint64(index) * IntervalSeconds;
        lines += peerLines(m_hubHost, client.key, client.address, handshakeNs, rx, tx, stamp);
        lines += peerLines(client.host, m_hubKey, "10.10.0.0/16", handshakeNs, tx, rx, stamp);
        lines += systemLine(client.host, index, stamp);
    }
    return lines;
}

QByteArray ScaledTelegrafData::history(int samples, const QDateTime& last) const
{
    QByteArray lines;
    for (int index = 0; index < samples; ++index)
        lines += sample(index, last.addSecs(-qint64(samples - 1 - index) * IntervalSeconds));
    return lines;
}
