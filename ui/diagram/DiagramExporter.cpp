// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramExporter.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"

#include <QGraphicsItem>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

namespace {

constexpr double PngScale = 2.0;
constexpr int MaxPngSide = 16000; ///< beyond this, images fail to allocate or open

/// Renders the scene; a demo diagram says so on the image itself, as the window does.
void render(DiagramScene* scene, QPainter* painter, const QRectF& target, bool demo)
{
    const QRectF source = scene->diagramBounds();
    const QList<QGraphicsItem*> selected = scene->selectedItems();
    for (QGraphicsItem* item : selected)
        item->setSelected(false);
    painter->fillRect(target, scene->diagramPalette().canvas());
    scene->render(painter, target, source, Qt::KeepAspectRatio);
    for (QGraphicsItem* item : selected)
        item->setSelected(true);
    if (!demo)
        return;
    QFont font = DiagramFonts::sized(1.2, true);
    font.setPixelSize(std::max(14, static_cast<int>(target.height() / 45)));
    painter->setFont(font);
    const QRectF band(target.right() - font.pixelSize() * 9, target.top(), font.pixelSize() * 9, font.pixelSize() * 2);
    painter->fillRect(band, scene->diagramPalette().demoRibbon());
    painter->setPen(Qt::white);
    painter->drawText(band, Qt::AlignCenter, QStringLiteral("DEMO DATA"));
}

} // namespace

namespace DiagramExporter {

QString exportPng(DiagramScene* scene, const QString& path, bool demo)
{
    const QRectF source = scene->diagramBounds();
    const double scale = std::min(PngScale, MaxPngSide / std::max(source.width(), source.height()));
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return QStringLiteral("the diagram is too large to export as PNG (%1 × %2)").arg(source.width()).arg(source.height());
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        render(scene, &painter, QRectF(QPointF(0, 0), image.size()), demo);
    }
    QImageWriter writer(path, "png");
    if (!writer.write(image))
        return QStringLiteral("cannot write %1: %2").arg(path, writer.errorString());
    return {};
}

QString exportSvg(DiagramScene* scene, const QString& path, bool demo)
{
    const QRectF source = scene->diagramBounds();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(QStringLiteral("Tunnelscope diagram"));
    generator.setDescription(demo ? QStringLiteral("Network diagram drawn on demo data") : QStringLiteral("Network diagram"));
    QPainter painter;
    if (!painter.begin(&generator))
        return QStringLiteral("cannot write %1").arg(path);
    render(scene, &painter, QRectF(QPointF(0, 0), source.size()), demo);
    if (!painter.end())
        return QStringLiteral("cannot write %1").arg(path);
    return {};
}

} // namespace DiagramExporter
