// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TopologyTreePanel.h"

#include "itemmodels/TopologyTreeFilter.h"
#include "itemmodels/TopologyTreeModel.h"
#include "panels/StateDotDelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

TopologyTreePanel::TopologyTreePanel(NetworkState* network, const DiagramPalette* palette, QWidget* parent)
    : QWidget(parent)
    , m_model(new TopologyTreeModel(network, this))
    , m_proxy(new TopologyTreeFilter(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_stateFilter(new QComboBox(this))
{
    m_proxy->setSourceModel(m_model);

    m_filter->setPlaceholderText(tr("Filter hosts and peers"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        m_view->expandAll();
    });

    m_stateFilter->setAccessibleName(tr("State filter"));
    m_stateFilter->addItem(tr("All states"), QString());
    m_stateFilter->addItem(tr("Problems only"), TopologyTreeFilter::Problems);
    for (const char* state : {"online", "stale", "offline", "never", "unknown", "silent"})
        m_stateFilter->addItem(QString::fromLatin1(state), QString::fromLatin1(state));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(m_stateFilter->currentData().toString());
        m_view->expandAll();
    });

    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(TopologyTreeModel::StateColumn,
        new StateDotDelegate(palette, TopologyTreeModel::StateRole, this));
    m_view->setUniformRowHeights(true);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAlternatingRowColors(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TopologyTreeModel::NameColumn, QHeaderView::Stretch);
    // A fixed state column: sizing it to its contents would ask every row's state on every update.
    m_view->header()->setSectionResizeMode(TopologyTreeModel::StateColumn, QHeaderView::Fixed);
    m_view->header()->resizeSection(TopologyTreeModel::StateColumn, m_view->fontMetrics().horizontalAdvance(QStringLiteral("unmonitored")) + 36);
    m_view->expandAll();
    connect(m_proxy, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TopologyTreePanel::onCurrentChanged);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    auto* filters = new QHBoxLayout;
    filters->setSpacing(4);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_stateFilter);
    layout->addLayout(filters);
    layout->addWidget(m_view);
}

int TopologyTreePanel::widestName(const QModelIndex& parent, int depth) const
{
    // The tree's own sizeHintForColumn is protected; this walks the same rows once (on a new topology only).
    const int indent = m_view->indentation() * (depth + (m_view->rootIsDecorated() ? 1 : 0));
    int widest = 0;
    for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
        const QModelIndex index = m_proxy->index(row, TopologyTreeModel::NameColumn, parent);
        widest = std::max({widest, indent + m_view->sizeHintForIndex(index).width(), widestName(index, depth + 1)});
    }
    return widest;
}

int TopologyTreePanel::preferredWidth() const
{
    const int names = widestName(QModelIndex(), 0);
    const int state = m_view->header()->sectionSize(TopologyTreeModel::StateColumn);
    const int frame = 2 * m_view->frameWidth();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    const QMargins margins = layout()->contentsMargins();
    return names + state + frame + scrollBar + margins.left() + margins.right() + 8;
}

DiagramElement TopologyTreePanel::elementAt(const QModelIndex& proxyIndex) const
{
    if (!proxyIndex.isValid())
        return {};
    const auto kind = static_cast<TopologyTreeModel::Kind>(proxyIndex.data(TopologyTreeModel::KindRole).toInt());
    const QString id = proxyIndex.data(TopologyTreeModel::IdRole).toString();
    switch (kind) {
    case TopologyTreeModel::Kind::Segment:
        return {DiagramElement::Kind::Segment, id};
    case TopologyTreeModel::Kind::Host:
        return {DiagramElement::Kind::Host, id};
    case TopologyTreeModel::Kind::UnknownPeer:
        return {DiagramElement::Kind::UnknownPeer, id};
    case TopologyTreeModel::Kind::UnknownGroup:
        break;
    }
    return {};
}

void TopologyTreePanel::onCurrentChanged()
{
    if (m_selecting)
        return;
    Q_EMIT elementSelected(elementAt(m_view->currentIndex()));
}

void TopologyTreePanel::select(const DiagramElement& element)
{
    if (elementAt(m_view->currentIndex()) == element)
        return;
    std::optional<TopologyTreeModel::Kind> kind;
    switch (element.kind) {
    case DiagramElement::Kind::Segment:
        kind = TopologyTreeModel::Kind::Segment;
        break;
    case DiagramElement::Kind::Host:
        kind = TopologyTreeModel::Kind::Host;
        break;
    case DiagramElement::Kind::UnknownPeer:
        kind = TopologyTreeModel::Kind::UnknownPeer;
        break;
    default:
        break;
    }
    m_selecting = true;
    const QModelIndex index = kind ? m_proxy->mapFromSource(m_model->indexOf(*kind, element.id)) : QModelIndex();
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    m_selecting = false;
}
