// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramExporter.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"

#include <QGraphicsItem>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
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

/// Replaces the file at `path` with what was written, or says why not (a write error QSaveFile kept from earlier).
QString commit(QSaveFile& file, const QString& path)
{
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
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
    // Through a QSaveFile: a full disk or a crash mid-write must leave an earlier export at that path whole.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        const QString reason = file.error() != QFileDevice::NoError ? file.errorString() : writer.errorString();
        file.cancelWriting();
        return QStringLiteral("cannot write %1: %2").arg(path, reason);
    }
    return commit(file, path);
}

QString exportSvg(DiagramScene* scene, const QString& path, bool demo)
{
    const QRectF source = scene->diagramBounds();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(QStringLiteral("Tunnelscope diagram"));
    generator.setDescription(demo ? QStringLiteral("Network diagram drawn on demo data") : QStringLiteral("Network diagram"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        file.cancelWriting();
        return QStringLiteral("cannot write %1").arg(path);
    }
    render(scene, &painter, QRectF(QPointF(0, 0), source.size()), demo);
    if (!painter.end()) {
        file.cancelWriting();
        return QStringLiteral("cannot write %1").arg(path);
    }
    return commit(file, path);
}

} // namespace DiagramExporter
