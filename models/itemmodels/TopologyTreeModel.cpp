// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeModel.h"

#include "telemetry/NetworkState.h"

namespace {

QStringList unknownIdsOf(const NetworkState& network)
{
    QStringList ids;
    for (const auto& unknown : network.unknownPeers())
        ids.append(unknown.id);
    return ids;
}

} // namespace

struct TopologyTreeModel::Node
{
    Kind kind = Kind::Segment;
    QString id;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node* add(Kind childKind, const QString& childId)
    {
        auto child = std::make_unique<Node>();
        child->kind = childKind;
        child->id = childId;
        child->parent = this;
        child->row = static_cast<int>(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

TopologyTreeModel::TopologyTreeModel(NetworkState* network, QObject* parent)
    : QAbstractItemModel(parent)
    , m_network(network)
{
    rebuild();
    connect(m_network, &NetworkState::topologyChanged, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(m_network, &NetworkState::stateChanged, this, &TopologyTreeModel::refreshStates);
}

TopologyTreeModel::~TopologyTreeModel() = default;

void TopologyTreeModel::rebuild()
{
    m_root = std::make_unique<Node>();
    const Topology& topology = m_network->topology();
    // Segments nest as in the diagram; the VPN is not a place hosts live in, so it only shows when it holds some.
    auto addSegment = [&](auto&& self, Node* parent, const Segment& segment) -> void {
        const QList<const Host*> hosts = topology.hostsInSegment(segment.id);
        const QList<const Segment*> children = topology.childSegments(segment.id);
        if (segment.kind == Segment::Kind::Vpn && hosts.isEmpty() && children.isEmpty())
            return;
        Node* node = parent->add(Kind::Segment, segment.id);
        for (const Host* host : hosts)
            node->add(Kind::Host, host->id);
        for (const Segment* child : children)
            self(self, node, *child);
    };
    for (const Segment* segment : topology.childSegments(QString()))
        addSegment(addSegment, m_root.get(), *segment);
    for (const auto& host : topology.hosts) {
        if (!topology.segment(host.segmentId))
            m_root->add(Kind::Host, host.id);
    }
    m_unknownIds = unknownIdsOf(*m_network);
    if (!m_unknownIds.isEmpty()) {
        Node* group = m_root->add(Kind::UnknownGroup, QStringLiteral("unknown"));
        for (const auto& unknown : m_network->unknownPeers())
            group->add(Kind::UnknownPeer, unknown.id);
    }
}

void TopologyTreeModel::refreshStates()
{
    // The set of unknown peers changes the tree's shape (one key replacing another too, not only a new count);
    // anything else only changes the state column.
    if (unknownIdsOf(*m_network) != m_unknownIds) {
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    auto notify = [this](auto&& self, const QModelIndex& parent) -> void {
        const int rows = rowCount(parent);
        if (rows == 0)
            return;
        Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
        for (int row = 0; row < rows; ++row)
            self(self, index(row, 0, parent));
    };
    notify(notify, QModelIndex());
}

TopologyTreeModel::Node* TopologyTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex TopologyTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node* node = nodeOf(parent);
    return createIndex(row, column, node->children.at(static_cast<size_t>(row)).get());
}

QModelIndex TopologyTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    Node* node = nodeOf(child);
    if (!node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int TopologyTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int TopologyTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString TopologyTreeModel::nameOf(const Node& node) const
{
    const Topology& topology = m_network->topology();
    switch (node.kind) {
    case Kind::Segment: {
        const Segment* segment = topology.segment(node.id);
        return segment ? segment->name : node.id;
    }
    case Kind::Host: {
        const Host* host = topology.host(node.id);
        return host ? host->name : node.id;
    }
    case Kind::UnknownGroup:
        return QStringLiteral("Unknown peers (%1)").arg(node.children.size());
    case Kind::UnknownPeer:
        for (const auto& unknown : m_network->unknownPeers()) {
            if (unknown.id == node.id)
                return unknown.telemetry.publicKey.left(10) + QStringLiteral("…");
        }
        break;
    }
    return node.id;
}

QString TopologyTreeModel::stateOf(const Node& node) const
{
    if (node.kind == Kind::UnknownPeer) {
        for (const auto& unknown : m_network->unknownPeers()) {
            if (unknown.id == node.id)
                return PeerStatus::stateName(unknown.status.state);
        }
        return {};
    }
    if (node.kind != Kind::Host)
        return {};
    // A host's state is its tunnel's when it is a client; the hub shows whether its metrics arrive.
    for (const TunnelState* tunnel : m_network->tunnelsOfHost(node.id)) {
        if (tunnel->clientHostId == node.id)
            return PeerStatus::stateName(tunnel->status.state);
    }
    switch (m_network->hostState(node.id).reporting) {
    case HostState::Reporting::Reporting:
        return QStringLiteral("reporting");
    case HostState::Reporting::Silent:
        return QStringLiteral("silent");
    case HostState::Reporting::NotMonitored:
        return QStringLiteral("unmonitored");
    case HostState::Reporting::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString TopologyTreeModel::reasonOf(const Node& node) const
{
    if (node.kind == Kind::UnknownPeer) {
        for (const auto& unknown : m_network->unknownPeers()) {
            if (unknown.id == node.id)
                return QStringLiteral("Reported by %1 but not in the topology. %2")
                    .arg(unknown.telemetry.reportingHost, unknown.status.reason);
        }
    }
    if (node.kind != Kind::Host)
        return {};
    for (const TunnelState* tunnel : m_network->tunnelsOfHost(node.id)) {
        if (tunnel->clientHostId == node.id)
            return tunnel->status.reason;
    }
    return m_network->hostState(node.id).reason;
}

QVariant TopologyTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node& node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return nameOf(node);
        return stateOf(node);
    case Qt::ToolTipRole:
        return reasonOf(node);
    case KindRole:
        return static_cast<int>(node.kind);
    case IdRole:
        return node.id;
    case StateRole:
        return stateOf(node);
    case ReasonRole:
        return reasonOf(node);
    default:
        return {};
    }
}

QVariant TopologyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? QStringLiteral("Name") : QStringLiteral("State");
}

QModelIndex TopologyTreeModel::indexOf(Kind kind, const QString& id) const
{
    auto find = [&](auto&& self, const QModelIndex& parent) -> QModelIndex {
        for (int row = 0; row < rowCount(parent); ++row) {
            const QModelIndex candidate = index(row, 0, parent);
            const Node* node = nodeOf(candidate);
            if (node->kind == kind && node->id == id)
                return candidate;
            if (const QModelIndex found = self(self, candidate); found.isValid())
                return found;
        }
        return QModelIndex();
    };
    return find(find, QModelIndex());
}
