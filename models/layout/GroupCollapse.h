// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "topology/Topology.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <array>

/**
 * The diagram's level of detail: which segments are too big to draw host by host, and what one card standing for
 * such a group says. Pure logic, so the diagram's choices are tested without a screen.
 */
class GroupCollapse
{
public:
    /// A segment with more hosts than this is drawn as one card: 2,000 cards read as a wall, not a network.
    static constexpr int DefaultLimit = 40;
    /// Problem members drawn beside a collapsed group's card, at most; the rest are counted ("and 3 more").
    static constexpr int ProblemCardCap = 12;

    /// What one member of a group contributes: its tunnel's state and rates, and what makes it a problem.
    struct Member
    {
        QString hostId;
        PeerStatus::State state = PeerStatus::State::Unknown;
        int fail2banPerHour = 0; ///< log events in the last hour; 0 when the host ships none
        bool failedCheck = false;
        double rxBytesPerSecond = 0;
        double txBytesPerSecond = 0;
    };

    struct Summary
    {
        int hosts = 0;
        std::array<int, 5> perState {}; ///< indexed by PeerStatus::State
        double rxBytesPerSecond = 0;
        double txBytesPerSecond = 0;
        PeerStatus::State worst = PeerStatus::State::Online;
        QStringList problems; ///< host ids drawn beside the card, worst first, at most ProblemCardCap
        int moreProblems = 0; ///< problem members beyond the cap

        int count(PeerStatus::State state) const { return perState[static_cast<size_t>(state)]; }
        /// "1,998 online · 1 stale · 1 offline": the states that occur, best first.
        QString countsText() const;
        friend bool operator==(const Summary&, const Summary&) = default;
    };

    /// Segment id to its member host ids, for every segment drawn collapsed: more than limit hosts directly in
    /// it, not expanded by the user. Hosts in keepApart (WireGuard hubs) stay cards of their own and do not count.
    static QHash<QString, QStringList> collapsedGroups(const Topology& topology, int limit, const QSet<QString>& expanded,
        const QSet<QString>& keepApart);
    /// Not online, a failed check, or log events far above the group's usual (every host sees a few bans an
    /// hour; one under attack sees many more): the members worth a card of their own.
    static bool isProblem(const Member& member, int usualEventsPerHour);
    /// Events above this are out of line for a group whose median host sees usual per hour.
    static int unusualEvents(int usualEventsPerHour) { return std::max(MinimumUnusualEvents, 3 * usualEventsPerHour); }
    static constexpr int MinimumUnusualEvents = 20;
    /// How bad a state is, for "worst state" colours: offline, stale, unknown, never, online.
    static int severity(PeerStatus::State state);
    static Summary summarize(const QList<Member>& members, int cap = ProblemCardCap);
};
