// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/FlowEdgeItem.h"

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
    setFlags(ItemIsSelectable);
    setZValue(4);
}

void FlowEdgeItem::setLegs(const QPainterPath& delivery, const QPainterPath& storage)
{
    prepareGeometryChange();
    m_delivery = delivery;
    m_storage = storage;
}

void FlowEdgeItem::setIdle(bool idle, const QString& why)
{
    m_idle = idle;
    const QString what = DataFlow::kindName(m_flow.kind) + QStringLiteral(" from ") + m_flow.sourceHostId
        + QStringLiteral(" to ") + m_flow.targetServiceId + QStringLiteral(" on ") + m_flow.targetHostId;
    setToolTip(what + (idle ? QStringLiteral(" — idle: ") + why : QString()));
    update();
}

QRectF FlowEdgeItem::boundingRect() const
{
    // Room for the arrowheads and the small labels beside the lines.
    return (m_delivery.boundingRect() | m_storage.boundingRect()).adjusted(-40, -20, 40, 20);
}

QPainterPath FlowEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(m_delivery) + stroker.createStroke(m_storage);
}

void FlowEdgeItem::paintLeg(QPainter* painter, const QPainterPath& leg, const QString& label, double labelAt, bool showLabel) const
{
    if (leg.isEmpty())
        return;
    const QColor color = m_palette->flow(m_flow.kind);
    if (isSelected()) {
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
    if (!showLabel)
        return;
    painter->setFont(DiagramFonts::small());
    const QFontMetricsF metrics(painter->font());
    const QPointF at = EdgeGeometry::pointAt(leg, labelAt);
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
    if (detail < HiddenBelowDetail && !isSelected())
        return;
    const bool showLabel = detail >= LabelDetail;
    const QString kind = DataFlow::kindName(m_flow.kind);
    // Metrics and logs labels sit at different places along their lines so that they never cover each other.
    const double along = m_flow.kind == DataFlow::Kind::Metrics ? 0.22 : 0.78;
    paintLeg(painter, m_delivery, kind, along, showLabel);
    paintLeg(painter, m_storage, m_flow.storageBucket.isEmpty() ? kind : m_flow.storageBucket, along, showLabel);
}
