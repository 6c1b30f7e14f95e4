// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

/**
 * Telegraf-shaped line protocol for the reference deployment, timed relative to "now": monitor11 (the hub)
 * reports prod (with a counter reset halfway), the laptop (never handshaked: Telegraf's year-1 sentinel) and a
 * stranger key (last handshake 5 min ago: stale); prod reports the hub with keepalive 25 s; edge-02 stopped
 * sending 20 min ago. Samples every 10 s, two points per peer with exactly the fields inputs.wireguard writes
 * (no endpoint: Telegraf before 1.39 has none). Every host stamps its points and handshakes with its own clock,
 * each a little off, as real collectors' are; aheadCollectorSample() adds one whose clock runs 10 min ahead.
 */
class TelegrafScenario
{
public:
    static inline const QString MonitorKey = QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=");
    static inline const QString ProdKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
    static inline const QString LaptopKey = QStringLiteral("j2ZvPu2i7fL9urD33PomHN0gksn//nPHyRwzGsbGvg0=");
    static inline const QString StrangerKey = QStringLiteral("c3RyYW5nZXJzdHJhbmdlcnN0cmFuZ2Vyc3RyYW5nZXI=");
    static constexpr qint64 NeverSentinel = -6795364578871345152LL;

    static constexpr int IntervalSeconds = 10;
    static constexpr int Samples = 31;          ///< 300 s of history
    static constexpr int ResetIndex = 15;       ///< the sample where prod's counters start again from 0
    static constexpr double ProdUploadRate = 2000; ///< bytes/s the hub receives from prod
    static constexpr double ProdDownloadRate = 500; ///< bytes/s the hub sends to prod
    static constexpr double StrangerRate = 100;
    static constexpr int ProdHandshakeAgeSeconds = 30;
    static constexpr int StrangerHandshakeAgeSeconds = 300;
    static constexpr int EdgeSilentSeconds = 1200;
    static constexpr int ProdClockOffsetSeconds = 4;   ///< prod's clock runs a little fast
    static constexpr int EdgeClockOffsetSeconds = -25; ///< edge-02's runs slow
    static constexpr int AheadClockOffsetSeconds = 600;
    static inline const QString AheadHost = QStringLiteral("edge-ahead");

    /// The newest sample lies 20 s before now, aligned to 10 s; extraSample() adds the one 10 s later.
    explicit TelegrafScenario(const QDateTime& now);

    /// The true time of a sample, which is monitor11's clock (it runs the InfluxDB: its clock is the server's).
    QDateTime sampleTime(int index) const;
    /// The time a host's own clock gives that sample.
    static int clockOffsetSeconds(const QByteArray& host);
    QDateTime hostTime(int index, const QByteArray& host) const { return sampleTime(index).addSecs(clockOffsetSeconds(host)); }
    QDateTime lastSampleTime() const { return sampleTime(Samples - 1); }
    QByteArray lineProtocol() const;
    /// One more sample of everything still reporting, at index Samples.
    QByteArray extraSample() const;
    /// A collector (not in the topology) whose clock runs AheadClockOffsetSeconds ahead, reporting the hub key and
    /// its own system metrics at a sample.
    QByteArray aheadCollectorSample(int index) const;

    /// Prod's counters as the hub sees them at a sample (the reset included).
    qint64 prodRxBytes(int index) const;
    qint64 prodTxBytes(int index) const;
    QDateTime prodHandshake(int index) const { return sampleTime(index).addSecs(-ProdHandshakeAgeSeconds); }
    QDateTime strangerHandshake() const { return lastSampleTime().addSecs(-StrangerHandshakeAgeSeconds); }
    static constexpr qint64 ProdUptimeSeconds = 5140099;

private:
    QByteArray sample(int index) const;
    QDateTime m_first;
};
