// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/FlowEdgeItem.h"

#include "diagram/DiagramScene.h"
#include "diagram/DiagramFonts.h"
#include "diagram/EdgeGeometry.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace {

constexpr double ArrowSize = 9;
constexpr double LabelDetail = 0.6;
constexpr double HiddenBelowDetail = 0.2; ///< zoomed far out, thousands of thin flows are only noise

} // namespace

FlowEdgeItem::FlowEdgeItem(const DataFlow& flow, const DiagramPalette* palette)
    : m_flow(flow)
    , m_palette(palette)
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
    setZValue(4);
}

void FlowEdgeItem::setLegs(const QPainterPath& delivery, const QPainterPath& storage)
{
    prepareGeometryChange();
    m_shape.clear();
    m_straight = false;
    m_delivery = delivery;
    m_storage = storage;
}

void FlowEdgeItem::setStraightLegs(const QLineF& delivery, const QLineF& storage)
{
    auto pathOf = [](const QLineF& line) {
        QPainterPath path;
        if (!line.isNull()) {
            path.moveTo(line.p1());
            path.lineTo(line.p2());
        }
        return path;
    };
    setLegs(pathOf(delivery), pathOf(storage));
    m_straight = true;
    m_straightDelivery = delivery;
    m_straightStorage = storage;
}

void FlowEdgeItem::setStorageDrawnByAnother(bool drawnByAnother)
{
    m_storageDrawnByAnother = drawnByAnother;
    update();
}

void FlowEdgeItem::setIdle(bool idle, const QString& why)
{
    if (m_styled && idle == m_idle && why == m_why)
        return;
    const bool repaint = !m_styled || idle != m_idle;
    m_styled = true;
    m_idle = idle;
    m_why = why;
    const QString what = DataFlow::kindName(m_flow.kind) + QStringLiteral(" from ") + m_flow.sourceHostId
        + QStringLiteral(" to ") + m_flow.targetServiceId + QStringLiteral(" on ") + m_flow.targetHostId;
    setToolTip(what + (idle ? QStringLiteral(" — idle: ") + why : QString()));
    if (repaint)
        update();
}

QRectF FlowEdgeItem::boundingRect() const
{
    // Room for the arrowheads and the small labels beside the lines.
    return (m_delivery.boundingRect() | m_storage.boundingRect()).adjusted(-40, -20, 40, 20);
}

QPainterPath FlowEdgeItem::shape() const
{
    if (m_shape.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        m_shape = stroker.createStroke(m_delivery) + stroker.createStroke(m_storage);
    }
    return m_shape;
}

void FlowEdgeItem::paintLeg(QPainter* painter, const QPainterPath& leg, const QString& label, double labelAt, bool showLabel) const
{
    if (leg.isEmpty())
        return;
    const QColor color = m_palette->flow(m_flow.kind);
    if (DiagramScene::drawsSelected(this, isSelected())) {
        painter->setPen(QPen(m_palette->selection(), 6, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(leg);
    }
    QPen pen(color, 1.6, m_idle ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(leg);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(EdgeGeometry::arrowHead(leg, ArrowSize));
    if (showLabel)
        paintLabel(painter, EdgeGeometry::pointAt(leg, labelAt), label, color);
}

void FlowEdgeItem::paintStraightLeg(QPainter* painter, const QLineF& leg, const QRectF& exposed, const QString& label,
    double labelAt, bool showLabel) const
{
    const double reach = ArrowSize + 6;
    const std::optional<QLineF> visible = EdgeGeometry::clipped(leg, exposed.adjusted(-reach, -reach, reach, reach));
    if (leg.isNull() || !visible)
        return;
    const QColor color = m_palette->flow(m_flow.kind);
    painter->setBrush(Qt::NoBrush);
    if (DiagramScene::drawsSelected(this, isSelected())) {
        painter->setPen(QPen(m_palette->selection(), 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(*visible);
    }
    painter->setPen(QPen(color, 1.6, m_idle ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(*visible);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(EdgeGeometry::arrowHead(leg, ArrowSize));
    if (showLabel)
        paintLabel(painter, leg.pointAt(labelAt), label, color);
}

void FlowEdgeItem::paintLabel(QPainter* painter, const QPointF& at, const QString& label, const QColor& color) const
{
    painter->setFont(DiagramFonts::small());
    const QFontMetricsF metrics(painter->font());
    const QRectF box(at.x() - metrics.horizontalAdvance(label) / 2 - 3, at.y() - metrics.height() / 2,
        metrics.horizontalAdvance(label) + 6, metrics.height());
    painter->setBrush(m_palette->labelFill());
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(color);
    painter->drawText(box, Qt::AlignCenter, label);
}

void FlowEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < HiddenBelowDetail && !DiagramScene::drawsSelected(this, isSelected()))
        return;
    const bool showLabel = detail >= LabelDetail;
    const QString kind = DataFlow::kindName(m_flow.kind);
    // Metrics and logs labels sit at different places along their lines so that they never cover each other.
    const double along = m_flow.kind == DataFlow::Kind::Metrics ? 0.22 : 0.78;
    const QString storageLabel = m_flow.storageBucket.isEmpty() ? kind : m_flow.storageBucket;
    const bool drawStorage = !m_storageDrawnByAnother || DiagramScene::drawsSelected(this, isSelected());
    if (m_straight) {
        paintStraightLeg(painter, m_straightDelivery, option->exposedRect, kind, along, showLabel);
        if (drawStorage)
            paintStraightLeg(painter, m_straightStorage, option->exposedRect, storageLabel, along, showLabel);
        return;
    }
    paintLeg(painter, m_delivery, kind, along, showLabel);
    if (drawStorage)
        paintLeg(painter, m_storage, storageLabel, along, showLabel);
}
