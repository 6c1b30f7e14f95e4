// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/SegmentItem.h"

#include "diagram/DiagramFonts.h"
#include "layout/DiagramLayout.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {

constexpr double CornerRadius = 14;
constexpr double CloudBump = 16; ///< how far the Internet's bumps rise above its rectangle
/// A region this wide is a large grid of peers, seen from far away: its label goes in the free band above it
/// (the layout leaves one) and may grow tall enough to read there.
constexpr double LabelAboveWidth = 3000;
constexpr double LabelAboveRoom = 190;

bool labelsAbove(const QSizeF& size)
{
    return size.width() > LabelAboveWidth;
}

} // namespace

SegmentItem::SegmentItem(const Segment& segment, const DiagramPalette* palette)
    : m_segment(segment)
    , m_palette(palette)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(segment.kind == Segment::Kind::Hypervisor ? -9 : -10);
    setToolTip(label());
}

void SegmentItem::setRegion(const QRectF& sceneRect)
{
    if (sceneRect.size() != m_size)
        prepareGeometryChange();
    m_size = sceneRect.size();
    setPos(sceneRect.topLeft());
}

void SegmentItem::setHighlighted(bool highlighted)
{
    m_highlighted = highlighted;
    update();
}

QRectF SegmentItem::boundingRect() const
{
    const double above = labelsAbove(m_size) ? LabelAboveRoom + 10 : CloudBump + 3;
    return QRectF(QPointF(0, 0), m_size).adjusted(-3, -above, 3, 3);
}

QPainterPath SegmentItem::outline() const
{
    const QRectF rect(QPointF(0, 0), m_size);
    QPainterPath path;
    if (m_segment.kind != Segment::Kind::Internet) {
        path.addRoundedRect(rect, CornerRadius, CornerRadius);
        return path;
    }
    // A cloud: a very round body with bumps along its top edge.
    path.addRoundedRect(rect, 36, 36);
    const int bumps = std::max(3, static_cast<int>(rect.width() / 110));
    const double step = rect.width() / (bumps + 1);
    for (int i = 1; i <= bumps; ++i) {
        const double radius = (i % 2 ? 1.0 : 0.75) * std::min(step * 0.75, 46.0);
        QPainterPath bump;
        bump.addEllipse(QPointF(i * step, std::min(radius, 30.0) - CloudBump + 6), radius, std::min(radius, 30.0));
        path = path.united(bump);
    }
    return path.simplified();
}

QString SegmentItem::label() const
{
    if (m_segment.cidr.isEmpty())
        return m_segment.name;
    return m_segment.name + QStringLiteral("  ") + m_segment.cidr;
}

void SegmentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QColor border = m_highlighted ? m_palette->selection() : m_palette->regionBorder(m_segment.kind);
    painter->setPen(QPen(border, m_highlighted ? 2.5 : 1.2,
        m_segment.kind == Segment::Kind::Hypervisor ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(m_palette->regionFill(m_segment.kind));
    painter->drawPath(outline());

    // Labels stay readable when zoomed out: they grow in scene units as the view shrinks.
    const double detail = option->levelOfDetailFromTransform(painter->worldTransform());
    QFont font = DiagramFonts::regionLabel();
    const bool above = labelsAbove(m_size) && detail < 0.6;
    if (detail < 0.6)
        font.setPointSizeF(font.pointSizeF() * std::min(above ? 14.0 : 3.0, 0.6 / std::max(detail, 0.01)));
    painter->setFont(font);
    if (above && painter->fontMetrics().height() > LabelAboveRoom)
        font.setPointSizeF(font.pointSizeF() * LabelAboveRoom / painter->fontMetrics().height());
    painter->setFont(font);
    painter->setPen(m_palette->mutedText());
    const double headerHeight = std::max(DiagramLayout::HeaderHeight, painter->fontMetrics().height() + 6.0);
    const QRectF header(14, above ? -headerHeight : 6, m_size.width() - 28, headerHeight);
    const Qt::Alignment alignment = m_segment.kind == Segment::Kind::Internet ? Qt::AlignHCenter | Qt::AlignVCenter
                                                                             : Qt::AlignLeft | Qt::AlignVCenter;
    painter->drawText(header, alignment, painter->fontMetrics().elidedText(label(), Qt::ElideRight, static_cast<int>(header.width())));
}
