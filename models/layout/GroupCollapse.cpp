// SPDX-License-Identifier: GPL-3.0-or-later
#include "layout/GroupCollapse.h"

#include <QLocale>

#include <algorithm>

QHash<QString, QStringList> GroupCollapse::collapsedGroups(const Topology& topology, int limit,
    const QSet<QString>& expanded, const QSet<QString>& keepApart)
{
    QHash<QString, QStringList> members;
    for (const auto& host : topology.hosts) {
        if (!host.segmentId.isEmpty() && !keepApart.contains(host.id))
            members[host.segmentId].append(host.id);
    }
    for (auto it = members.begin(); it != members.end();) {
        if (it.value().size() > limit && !expanded.contains(it.key()))
            ++it;
        else
            it = members.erase(it);
    }
    return members;
}

bool GroupCollapse::isProblem(const Member& member, int usualEventsPerHour)
{
    return member.state != PeerStatus::State::Online || member.failedCheck
        || member.fail2banPerHour > unusualEvents(usualEventsPerHour);
}

namespace {

int medianEvents(const QList<GroupCollapse::Member>& members)
{
    if (members.isEmpty())
        return 0;
    QList<int> events;
    events.reserve(members.size());
    for (const auto& member : members)
        events.append(member.fail2banPerHour);
    const auto middle = events.begin() + events.size() / 2;
    std::nth_element(events.begin(), middle, events.end());
    return *middle;
}

} // namespace

int GroupCollapse::severity(PeerStatus::State state)
{
    switch (state) {
    case PeerStatus::State::Offline:
        return 4;
    case PeerStatus::State::Stale:
        return 3;
    case PeerStatus::State::Unknown:
        return 2;
    case PeerStatus::State::Never:
        return 1;
    case PeerStatus::State::Online:
        break;
    }
    return 0;
}

GroupCollapse::Summary GroupCollapse::summarize(const QList<Member>& members, int cap)
{
    Summary summary;
    summary.hosts = int(members.size());
    QList<const Member*> problems;
    const int usual = medianEvents(members);
    for (const Member& member : members) {
        ++summary.perState[static_cast<size_t>(member.state)];
        summary.rxBytesPerSecond += member.rxBytesPerSecond;
        summary.txBytesPerSecond += member.txBytesPerSecond;
        if (severity(member.state) > severity(summary.worst))
            summary.worst = member.state;
        if (isProblem(member, usual))
            problems.append(&member);
    }
    // Worst first; among equals the group's own order, so the cards do not shuffle from poll to poll.
    std::stable_sort(problems.begin(), problems.end(),
        [](const Member* a, const Member* b) { return severity(a->state) > severity(b->state); });
    for (const Member* member : std::as_const(problems)) {
        if (summary.problems.size() < cap)
            summary.problems.append(member->hostId);
        else
            ++summary.moreProblems;
    }
    return summary;
}

QString GroupCollapse::Summary::countsText() const
{
    static constexpr PeerStatus::State Order[] = {PeerStatus::State::Online, PeerStatus::State::Stale,
        PeerStatus::State::Offline, PeerStatus::State::Never, PeerStatus::State::Unknown};
    QStringList parts;
    for (PeerStatus::State state : Order) {
        if (count(state) > 0)
            parts.append(QStringLiteral("%1 %2").arg(QLocale(QLocale::English).toString(count(state)), PeerStatus::stateName(state)));
    }
    return parts.join(QStringLiteral(" · "));
}
