// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/HostCardContent.h"

#include "telemetry/NetworkState.h"

#include <algorithm>

namespace {

bool runsAgent(const Host& host, const char* kind)
{
    for (const auto& service : host.services) {
        if (service.kind == QLatin1String(kind))
            return true;
    }
    return false;
}

HostCardContent::Badge eventBadge(const QString& job, const QString& count, const QString& toolTip)
{
    return {job + QLatin1Char(' ') + count, Service::Exposure::Private, true, toolTip};
}

/// The badges without numbers, saying why there are none.
QList<HostCardContent::Badge> countlessBadges(const QString& why)
{
    return {eventBadge(QStringLiteral("fail2ban"), QStringLiteral("–"), why),
        eventBadge(QStringLiteral("WireGuard"), QStringLiteral("–"), why)};
}

/// Why the source has no counts for a host: its Loki failing or missing, or none received yet (a new source).
QString missingCountsReason(const SourceStatus& status)
{
    const auto loki = std::find_if(status.endpoints.cbegin(), status.endpoints.cend(),
        [](const EndpointHealth& endpoint) { return endpoint.name == QLatin1String("Loki"); });
    if (loki == status.endpoints.cend())
        return status.telemetryUp() && !status.demo ? QStringLiteral("no log counts: this data source names no Loki")
                                                    : QStringLiteral("no log counts yet");
    if (loki->state == EndpointHealth::State::Failing)
        return QStringLiteral("no log counts: Loki is not answering (%1)").arg(loki->message);
    return QStringLiteral("no log counts yet");
}

/// The current snapshot's counts; counts it lacks are gone, never kept: they may be another source's (demo) numbers.
QList<HostCardContent::Badge> eventBadges(const HostState& state, const SourceStatus& status)
{
    if (!state.logEvents)
        return countlessBadges(missingCountsReason(status));
    const QString lastHour = QStringLiteral("log lines in the last hour, from Loki");
    return {eventBadge(QStringLiteral("fail2ban"), QString::number(state.logEvents->fail2banEvents) + QStringLiteral("/h"),
                QStringLiteral("fail2ban ") + lastHour),
        eventBadge(QStringLiteral("WireGuard"), QString::number(state.logEvents->wireguardEvents) + QStringLiteral("/h"),
            QStringLiteral("WireGuard ") + lastHour)};
}

} // namespace

const QString HostCardContent::PlaceholderKeyText = QStringLiteral("placeholder key");

QString HostCardContent::badgeText(const Service& service)
{
    QString text = service.name.section(QStringLiteral(" ("), 0, 0);
    const QString ports = service.portLabel();
    if (!ports.isEmpty())
        text += QLatin1Char(' ') + ports;
    if (!service.buckets.isEmpty())
        text += QStringLiteral(" · ") + service.buckets.join(QLatin1Char(' '));
    return text;
}

HostCardContent HostCardContent::fromTopology(const Host& host, const Topology& topology)
{
    HostCardContent content;
    content.title = host.displayName();
    content.subtitle = host.description.isEmpty() ? Host::roleTitle(host.role) : host.description;
    if (const WireGuardInterface* wg = topology.interfaceOfHost(host.id)) {
        content.address = wg->name + QLatin1Char(' ') + topology.tunnelAddress(host.id);
        // A made-up key (the reference deployment's) must not pass for the real interface's.
        if (wg->placeholderKey)
            content.address += QStringLiteral(" · ") + PlaceholderKeyText;
    } else
        content.address = host.addresses.join(QStringLiteral(", "));
    for (const auto& service : host.services) {
        content.services.append({badgeText(service), service.exposure, false,
            service.name + QStringLiteral(" — ") + Service::exposureName(service.exposure)});
    }
    if (runsAgent(host, "alloy"))
        content.events = countlessBadges(missingCountsReason({}));
    return content;
}

void HostCardContent::refresh(
    const Host& host, const NetworkState& network, const QString& tunnelState, const QString& tunnelReason)
{
    const HostState state = network.hostState(host.id);
    switch (state.reporting) {
    case HostState::Reporting::Reporting:
        metricsState = QStringLiteral("reporting");
        break;
    case HostState::Reporting::Silent:
        metricsState = QStringLiteral("silent");
        break;
    case HostState::Reporting::NotMonitored:
        metricsState = QStringLiteral("unmonitored");
        break;
    case HostState::Reporting::Unknown:
        metricsState = QStringLiteral("unknown");
        break;
    }
    metricsLine = HostState::reportingTitle(state.reporting);
    if (state.reporting == HostState::Reporting::Reporting || state.reporting == HostState::Reporting::Silent)
        metricsLine += QStringLiteral(" · ") + state.reason;

    // A tunnel client is as healthy as its tunnel; other hosts as their metrics.
    if (!tunnelState.isEmpty()) {
        stateName = tunnelState;
        stateWord = tunnelState;
        stateReason = tunnelReason;
    } else {
        stateName = metricsState;
        stateWord = metricsState == QLatin1String("unmonitored") ? QStringLiteral("no agent") : metricsState;
        stateReason = state.reason;
    }

    if (!events.isEmpty())
        events = eventBadges(state, network.sourceStatus());
}
