// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeModel.h"

#include "telemetry/NetworkState.h"

namespace {

QString nodeKey(TopologyTreeModel::Kind kind, const QString& id)
{
    return QString::number(static_cast<int>(kind)) + QLatin1Char(':') + id;
}

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
    QString name;
    QString state;
    QString reason;

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
    m_nodes.clear();
    m_unknownIndex.clear();
    for (qsizetype i = 0; i < m_network->unknownPeers().size(); ++i)
        m_unknownIndex.insert(m_network->unknownPeers().at(i).id, i);
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
    auto visit = [this](auto&& self, Node& node) -> void {
        for (const auto& child : node.children) {
            const QString key = nodeKey(child->kind, child->id);
            if (!m_nodes.contains(key)) // the first, as a search would find
                m_nodes.insert(key, child.get());
            refresh(*child);
            self(self, *child);
        }
    };
    visit(visit, *m_root);
}

bool TopologyTreeModel::refresh(Node& node) const
{
    QString name = nameOf(node);
    QString state = stateOf(node);
    QString reason = reasonOf(node);
    if (name == node.name && state == node.state && reason == node.reason)
        return false;
    node.name = std::move(name);
    node.state = std::move(state);
    node.reason = std::move(reason);
    return true;
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
    // Only the runs of rows that changed: with thousands of peers, a view repaints and re-sorts far less.
    m_unknownIndex.clear();
    for (qsizetype i = 0; i < m_network->unknownPeers().size(); ++i)
        m_unknownIndex.insert(m_network->unknownPeers().at(i).id, i);
    auto notify = [this](auto&& self, Node& parent) -> void {
        int firstChanged = -1;
        const int rows = static_cast<int>(parent.children.size());
        for (int row = 0; row <= rows; ++row) {
            const bool changed = row < rows && refresh(*parent.children.at(static_cast<size_t>(row)));
            if (changed && firstChanged < 0)
                firstChanged = row;
            if (!changed && firstChanged >= 0) {
                Node* first = parent.children.at(static_cast<size_t>(firstChanged)).get();
                Node* last = parent.children.at(static_cast<size_t>(row - 1)).get();
                Q_EMIT dataChanged(createIndex(firstChanged, 0, first), createIndex(row - 1, ColumnCount - 1, last));
                firstChanged = -1;
            }
            if (row < rows)
                self(self, *parent.children.at(static_cast<size_t>(row)));
        }
    };
    notify(notify, *m_root);
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
        if (const qsizetype at = m_unknownIndex.value(node.id, -1); at >= 0)
            return m_network->unknownPeers().at(at).telemetry.publicKey.left(10) + QStringLiteral("…");
        break;
    }
    return node.id;
}

QString TopologyTreeModel::stateOf(const Node& node) const
{
    if (node.kind == Kind::UnknownPeer) {
        const qsizetype at = m_unknownIndex.value(node.id, -1);
        return at < 0 ? QString() : PeerStatus::stateName(m_network->unknownPeers().at(at).status.state);
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
        if (const qsizetype at = m_unknownIndex.value(node.id, -1); at >= 0) {
            const UnknownPeer& unknown = m_network->unknownPeers().at(at);
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
            return node.name;
        return node.state;
    case Qt::ToolTipRole:
        return node.reason;
    case KindRole:
        return static_cast<int>(node.kind);
    case IdRole:
        return node.id;
    case StateRole:
        return node.state;
    case ReasonRole:
        return node.reason;
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
    Node* node = m_nodes.value(nodeKey(kind, id));
    return node ? createIndex(node->row, 0, node) : QModelIndex();
}
