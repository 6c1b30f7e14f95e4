// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeFilter.h"

#include "itemmodels/TopologyTreeModel.h"

const QString TopologyTreeFilter::Problems = QStringLiteral("problems");

TopologyTreeFilter::TopologyTreeFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(TopologyTreeModel::NameColumn);
}

void TopologyTreeFilter::setStateFilter(const QString& state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateRowsFilter();
}

bool TopologyTreeFilter::isProblem(const QString& state)
{
    return state != QLatin1String("online") && state != QLatin1String("reporting") && state != QLatin1String("unmonitored");
}

bool TopologyTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent))
        return false;
    if (m_state.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, TopologyTreeModel::NameColumn, sourceParent);
    const auto kind = static_cast<TopologyTreeModel::Kind>(index.data(TopologyTreeModel::KindRole).toInt());
    if (kind == TopologyTreeModel::Kind::Segment || kind == TopologyTreeModel::Kind::UnknownGroup)
        return false; // shown for the rows they hold (recursive filtering), not for themselves
    const QString state = index.data(TopologyTreeModel::StateRole).toString();
    return m_state == Problems ? isProblem(state) : state == m_state;
}
