// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

#include <memory>
#include <vector>

class NetworkState;

/**
 * Hosts and peers as a tree grouped by segment, with a group for peers the topology does not know. Carries
 * states as names (roles), never colours or icons: ui/ maps those. Each row's texts are kept, so data() is a
 * lookup and a new snapshot signals dataChanged only for the rows whose state or reason changed.
 */
class TopologyTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind { Segment, Host, UnknownGroup, UnknownPeer };
    enum Column { NameColumn, StateColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind as int
        IdRole,                      ///< segment, host or unknown-peer id
        StateRole,                   ///< "online", "stale", ... or "reporting"/"silent" for hosts without a tunnel
        ReasonRole,                  ///< the state's reason in words
    };

    explicit TopologyTreeModel(NetworkState* network, QObject* parent = nullptr);
    ~TopologyTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex indexOf(Kind kind, const QString& id) const;

private:
    struct Node;
    void rebuild();
    void refreshStates();
    /// Re-reads a node's name, state and reason from the network; true when any of them changed.
    bool refresh(Node& node) const;
    Node* nodeOf(const QModelIndex& index) const;
    QString stateOf(const Node& node) const;
    QString reasonOf(const Node& node) const;
    QString nameOf(const Node& node) const;

    NetworkState* m_network;
    std::unique_ptr<Node> m_root;
    QStringList m_unknownIds; ///< the unknown peers the tree shows, in order
    QHash<QString, qsizetype> m_unknownIndex; ///< unknown peer id to its place in the network's list
    QHash<QString, Node*> m_nodes; ///< by kind and id (see nodeKey), for indexOf
};
