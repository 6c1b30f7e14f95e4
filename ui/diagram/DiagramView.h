// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>

class DiagramScene;

/**
 * The window onto the diagram: zoom with Ctrl+wheel or the keyboard, pan by dragging the background, fit to
 * the window. Says "DEMO DATA" in its corner whenever the numbers are made up.
 */
class DiagramView final : public QGraphicsView
{
    Q_OBJECT

public:
    static constexpr double MinimumZoom = 0.02;
    static constexpr double MaximumZoom = 4.0;

    explicit DiagramView(DiagramScene* scene, QWidget* parent = nullptr);

    double zoom() const;
    void setDemoBanner(bool shown);
    bool isDemoBannerShown() const { return m_demoBanner; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToWindow();
    void centerOnItem(QGraphicsItem* item);

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void zoomBy(double factor);

    DiagramScene* m_scene;
    bool m_demoBanner = false;
};
