// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/EdgeLabelItem.h"

#include "diagram/DiagramScene.h"
#include "diagram/DiagramFonts.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {

constexpr double Padding = 6;
constexpr double HiddenBelowDetail = 0.35; ///< with 2,000 tunnels, labels only make sense close up

QFont firstLineFont()
{
    QFont font = DiagramFonts::small();
    font.setBold(true);
    return font;
}

} // namespace

EdgeLabelItem::EdgeLabelItem(const QString& tunnelId, const DiagramPalette* palette)
    : m_tunnelId(tunnelId)
    , m_palette(palette)
{
    setFlags(ItemIsSelectable);
    setZValue(30); // no item cache: the text changes with every update anyway
}

QSizeF EdgeLabelItem::measure() const
{
    double width = 0;
    double height = 0;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const QFontMetricsF metrics(i == 0 ? firstLineFont() : DiagramFonts::small());
        width = std::max(width, metrics.horizontalAdvance(m_lines.at(i)));
        height += metrics.height();
    }
    return QSizeF(width + 2 * Padding, height + 2 * Padding - 2);
}

void EdgeLabelItem::setText(const QStringList& lines, const QString& stateName)
{
    if (lines == m_lines && stateName == m_stateName)
        return;
    m_lines = lines;
    m_stateName = stateName;
    if (!isVisible()) {
        m_sizeStale = true;
        return;
    }
    resize();
    update();
}

void EdgeLabelItem::resize()
{
    m_sizeStale = false;
    const QSizeF size = measure();
    if (size != m_size) {
        // Only a new size moves the item; most updates change digits, not width, and leave the index alone.
        prepareGeometryChange();
        m_size = size;
        setCenter(m_center);
    }
}

void EdgeLabelItem::setCenter(const QPointF& center)
{
    m_center = center;
    setPos(center - QPointF(m_size.width() / 2, m_size.height() / 2));
}

QVariant EdgeLabelItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemVisibleHasChanged && value.toBool() && m_sizeStale)
        resize();
    return QGraphicsItem::itemChange(change, value);
}

void EdgeLabelItem::setEmphasised(bool emphasised)
{
    m_emphasised = emphasised;
    update();
}

QRectF EdgeLabelItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-2, -2, 2, 2);
}

void EdgeLabelItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < HiddenBelowDetail && !DiagramScene::drawsSelected(this, isSelected()))
        return;
    const bool highlighted = DiagramScene::drawsSelected(this, isSelected() || m_emphasised);
    painter->setPen(QPen(highlighted ? m_palette->selection() : m_palette->stateNamed(m_stateName), highlighted ? 2.5 : 1.5));
    painter->setBrush(m_palette->labelFill());
    painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size), 5, 5);
    double y = Padding - 1;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        painter->setFont(i == 0 ? firstLineFont() : DiagramFonts::small());
        painter->setPen(i == 0 ? m_palette->text() : m_palette->mutedText());
        const double height = QFontMetricsF(painter->font()).height();
        painter->drawText(QRectF(Padding, y, m_size.width() - 2 * Padding, height), Qt::AlignLeft | Qt::AlignVCenter, m_lines.at(i));
        y += height;
    }
}
