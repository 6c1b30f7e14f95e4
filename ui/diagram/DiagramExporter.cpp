// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramExporter.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"

#include <QGraphicsItem>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace {

constexpr double PngScale = 2.0;

/// Renders the scene; a demo diagram says so on the image itself, as the window does.
void render(DiagramScene* scene, QPainter* painter, const QRectF& target, bool demo)
{
    painter->fillRect(target, scene->diagramPalette().canvas());
    scene->renderWithoutSelection(painter, target, scene->diagramBounds());
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

PngSize pngSizeFor(const QRectF& sceneBounds)
{
    const double width = std::max(1.0, sceneBounds.width());
    const double height = std::max(1.0, sceneBounds.height());
    const double scale = std::min({PngScale, MaxPngSide / std::max(width, height), std::sqrt(MaxPngPixels / (width * height))});
    // Rounded down, so that rounding never takes the image past a limit.
    const QSize pixels(std::max(1, static_cast<int>(width * scale)), std::max(1, static_cast<int>(height * scale)));
    return {pixels, scale < PngScale};
}

QString exportPng(DiagramScene* scene, const QString& path, bool demo)
{
    const QRectF source = scene->diagramBounds();
    QImage image(pngSizeFor(source).pixels, QImage::Format_ARGB32_Premultiplied);
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
