// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

/**
 * The tree's filters: the name typed into the text filter and a state ("problems only", or one state). A segment
 * shows when any of its rows does; rows come and go as their states change on polls.
 */
class TopologyTreeFilter final : public QSortFilterProxyModel
{
public:
    /// Empty: every state. "problems": anything but online, reporting or unmonitored. Else one state name.
    static const QString Problems;

    explicit TopologyTreeFilter(QObject* parent = nullptr);

    void setStateFilter(const QString& state);
    QString stateFilter() const { return m_state; }
    /// Whether a state name counts as a problem: what needs an admin's look.
    static bool isProblem(const QString& state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_state;
};
