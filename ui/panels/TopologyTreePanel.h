// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"

#include <QWidget>

class DiagramPalette;
class NetworkState;
class QLineEdit;
class QComboBox;
class TopologyTreeFilter;
class QTreeView;
class TopologyTreeModel;

/** Hosts and peers grouped by segment, filterable; selecting here selects on the diagram and back. */
class TopologyTreePanel final : public QWidget
{
    Q_OBJECT

public:
    TopologyTreePanel(NetworkState* network, const DiagramPalette* palette, QWidget* parent = nullptr);

    QTreeView* treeView() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    /// All states, problems only, or one state.
    QComboBox* stateFilter() const { return m_stateFilter; }
    /// The width that shows every name whole next to the state column (for the dock's first width).
    int preferredWidth() const;
    /// Selects the element's row, or clears the selection when it has none (tunnels and flows).
    void select(const DiagramElement& element);

Q_SIGNALS:
    void elementSelected(const DiagramElement& element);

private:
    void onCurrentChanged();
    DiagramElement elementAt(const QModelIndex& proxyIndex) const;
    int widestName(const QModelIndex& parent, int depth) const;

    TopologyTreeModel* m_model;
    TopologyTreeFilter* m_proxy;
    QTreeView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_stateFilter;
    bool m_selecting = false;
};
