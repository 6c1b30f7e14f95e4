// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramView.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"

#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace {

constexpr double ZoomStep = 1.2;

} // namespace

DiagramView::DiagramView(DiagramScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    // Edges span large areas; repainting what changed as bounding rects is cheapest for a live diagram.
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setFrameShape(QFrame::NoFrame);
}

double DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setDemoBanner(bool shown)
{
    if (shown == m_demoBanner)
        return;
    m_demoBanner = shown;
    viewport()->update();
}

void DiagramView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, MinimumZoom, MaximumZoom);
    if (std::abs(target - zoom()) < 1e-9)
        return;
    const double applied = target / zoom();
    scale(applied, applied);
    Q_EMIT zoomChanged(zoom());
}

void DiagramView::zoomIn()
{
    zoomBy(ZoomStep);
}

void DiagramView::zoomOut()
{
    zoomBy(1 / ZoomStep);
}

void DiagramView::resetZoom()
{
    setTransform(QTransform());
    Q_EMIT zoomChanged(zoom());
}

void DiagramView::fitToWindow()
{
    const QRectF bounds = m_scene->diagramBounds();
    if (bounds.isEmpty())
        return;
    setSceneRect(bounds);
    fitInView(bounds, Qt::KeepAspectRatio);
    // Never blow a small network up beyond its natural size: text would look oversized.
    if (zoom() > 1.0)
        resetZoom();
    if (zoom() < MinimumZoom)
        zoomBy(MinimumZoom / zoom());
    centerOn(bounds.center());
    Q_EMIT zoomChanged(zoom());
}

void DiagramView::centerOnItem(QGraphicsItem* item)
{
    if (item)
        ensureVisible(item, 40, 40);
}

void DiagramView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(ZoomStep, steps));
    event->accept();
}

void DiagramView::drawForeground(QPainter* painter, const QRectF& rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (!m_demoBanner)
        return;
    // In viewport coordinates: the banner stays in the corner whatever the zoom and scroll.
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing);
    const double width = viewport()->width();
    const double span = 190;
    painter->translate(width, 0);
    painter->rotate(45);
    const QRectF band(-span / 2, span / 2 - 26, span, 28);
    painter->fillRect(band, m_scene->diagramPalette().demoRibbon());
    QFont font = DiagramFonts::sized(1.0, true);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.5);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(band, Qt::AlignCenter, QStringLiteral("DEMO DATA"));
    painter->restore();
}
