// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetry/PeerStateRules.h"

#include <QStringList>

#include <cmath>

QString PeerStatus::stateName(State state)
{
    switch (state) {
    case State::Never:
        return QStringLiteral("never");
    case State::Online:
        return QStringLiteral("online");
    case State::Stale:
        return QStringLiteral("stale");
    case State::Offline:
        return QStringLiteral("offline");
    case State::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString PeerStatus::stateTitle(State state)
{
    QString name = stateName(state);
    name[0] = name.at(0).toUpper();
    return name;
}

QString PeerStatus::flagsText() const
{
    QStringList flags;
    if (idle)
        flags.append(QStringLiteral("idle"));
    if (noTraffic)
        flags.append(QStringLiteral("no traffic"));
    return flags.join(QStringLiteral(", "));
}

namespace PeerStateRules {

QString formatAge(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 90)
        return QStringLiteral("%1 s").arg(seconds);
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60)
                            : QStringLiteral("%1 h").arg(hours);
    return QStringLiteral("%1 d").arg(hours / 24);
}

QString formatRate(double bytesPerSecond)
{
    if (!std::isfinite(bytesPerSecond) || bytesPerSecond < 0)
        return QStringLiteral("–");
    static const char* const units[] = {"B/s", "kB/s", "MB/s", "GB/s"};
    int unit = 0;
    double value = bytesPerSecond;
    for (;;) {
        // Decide on what is shown after rounding: 999.6 B/s is "1.0 kB/s", not "1000 B/s".
        const int decimals = unit == 0 || value >= 99.95 ? 0 : 1;
        const double scale = decimals == 0 ? 1 : 10;
        const double shown = std::round(value * scale) / scale;
        if (shown >= 1000 && unit < 3) {
            value /= 1000;
            ++unit;
            continue;
        }
        return QStringLiteral("%1 %2").arg(QString::number(shown, 'f', decimals), QLatin1String(units[unit]));
    }
}

namespace {

QString keepaliveClause(int keepalive)
{
    if (keepalive <= 0)
        return QStringLiteral("no persistent keepalive, so handshakes happen only while traffic flows");
    return QStringLiteral("keepalive %1 s, so one was expected every %2 min").arg(keepalive).arg(RekeySeconds / 60);
}

int collectorInterval(const PeerTelemetry& telemetry)
{
    return telemetry.reportIntervalSeconds > 0 ? telemetry.reportIntervalSeconds : DefaultCollectorIntervalSeconds;
}

PeerStatus unknownStatus(const PeerTelemetry* telemetry, const Context& context)
{
    PeerStatus status;
    status.state = PeerStatus::State::Unknown;
    if (!context.sourceUp) {
        status.reason = QStringLiteral("the data source is not answering%1: the data is missing, not necessarily the peer")
                            .arg(context.sourceProblem.isEmpty() ? QString()
                                                                 : QStringLiteral(" (%1)").arg(context.sourceProblem));
    } else if (!telemetry) {
        status.reason = QStringLiteral("no telemetry reports this peer; is Telegraf's wireguard input enabled on "
                                       "either end of the tunnel?");
    } else if (!telemetry->sampleTime.isValid()) {
        status.reason = QStringLiteral("the telemetry for this peer carries no time, so how current it is is unknown");
    } else {
        const qint64 age = telemetry->sampleTime.secsTo(context.now);
        const int interval = collectorInterval(*telemetry);
        status.reason = QStringLiteral("the newest telemetry for this peer is %1 old, and its collector reports every "
                                       "%2 s%3 (missing after %4 s): the data is missing, not necessarily the peer")
                            .arg(formatAge(age))
                            .arg(interval)
                            .arg(telemetry->reportIntervalSeconds > 0 ? QString() : QStringLiteral(" by default"))
                            .arg(freshnessLimitSeconds(interval, context.pollIntervalSeconds));
    }
    return status;
}

} // namespace

qint64 freshnessLimitSeconds(int collectorIntervalSeconds, int pollIntervalSeconds)
{
    const int interval = collectorIntervalSeconds > 0 ? collectorIntervalSeconds : DefaultCollectorIntervalSeconds;
    return qint64(FreshnessIntervals) * interval + FlushAllowanceSeconds + std::max(0, pollIntervalSeconds);
}

bool isFresh(const PeerTelemetry& telemetry, const Context& context)
{
    return telemetry.sampleTime.isValid()
        && telemetry.sampleTime.secsTo(context.now)
               <= freshnessLimitSeconds(telemetry.reportIntervalSeconds, context.pollIntervalSeconds);
}

std::optional<qint64> handshakeAgeSeconds(const PeerTelemetry& telemetry, const QDateTime& now)
{
    if (!telemetry.lastHandshake.isValid() || !telemetry.sampleTime.isValid())
        return std::nullopt;
    // Handshake to sample on the reporting host's clock (both times come from it), sample to now on the data
    // server's clock (context.now): neither the laptop's clock nor a collector's offset enters the age.
    return std::max<qint64>(0, telemetry.lastHandshake.secsTo(telemetry.sampleTime)
                                   + std::max<qint64>(0, telemetry.sampleTime.secsTo(now)));
}

PeerStatus evaluate(const PeerTelemetry* telemetry, const Context& context)
{
    if (context.sourceUp && !telemetry && context.keyCreated.isValid()
        && context.keyCreated.daysTo(context.now) < PendingDays) {
        PeerStatus pending;
        pending.state = PeerStatus::State::Never;
        pending.reason = QStringLiteral("new peer (key made %1 ago), waiting for its first handshake: is the server's "
                                        "`wg set` applied and wg-quick up on the collector?")
                             .arg(formatAge(std::max<qint64>(0, context.keyCreated.secsTo(context.now))));
        return pending;
    }
    if (!context.sourceUp || !telemetry || !isFresh(*telemetry, context))
        return unknownStatus(telemetry, context);

    PeerStatus status;
    const int keepalive = telemetry->keepaliveSeconds > 0 ? telemetry->keepaliveSeconds : context.configuredKeepalive;
    const bool silent = telemetry->rxBytesPerSecond.value_or(-1) == 0 && telemetry->txBytesPerSecond.value_or(-1) == 0;

    if (!telemetry->lastHandshake.isValid()) {
        status.state = PeerStatus::State::Never;
        status.reason = QStringLiteral("no handshake has ever completed; check the endpoint, that both sides have "
                                       "each other's public key, and that UDP 51820 gets through");
        return status;
    }

    const qint64 age = handshakeAgeSeconds(*telemetry, context.now).value_or(0);
    status.handshakeAgeSeconds = age;
    status.idle = keepalive <= 0 && silent;
    const QString last = QStringLiteral("last handshake %1 ago").arg(formatAge(age));
    if (age < OnlineLimitSeconds) {
        status.state = PeerStatus::State::Online;
        // Idle already explains the silence: nothing to send and no keepalive asked for.
        status.noTraffic = !status.idle && telemetry->rxBytesPerSecond.has_value() && *telemetry->rxBytesPerSecond == 0;
        status.reason = last + QStringLiteral("; ") + keepaliveClause(keepalive);
        if (status.noTraffic)
            status.reason += QStringLiteral("; but nothing was received from it over the last interval");
    } else if (age < OfflineLimitSeconds) {
        status.state = PeerStatus::State::Stale;
        status.reason = last + QStringLiteral("; ") + keepaliveClause(keepalive)
            + QStringLiteral("; session keys expire after %1 min").arg(OfflineLimitSeconds / 60);
    } else {
        status.state = PeerStatus::State::Offline;
        status.reason = last + QStringLiteral("; WireGuard has dropped the session keys (after %1 min)")
                                   .arg(OfflineLimitSeconds / 60);
    }
    if (status.idle)
        status.reason += QStringLiteral("; idle: no keepalive is configured and no traffic flows, so handshakes "
                                        "pause until traffic resumes and an old one is expected");
    return status;
}

} // namespace PeerStateRules
