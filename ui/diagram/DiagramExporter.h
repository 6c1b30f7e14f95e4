// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRectF>
#include <QSize>
#include <QString>

class DiagramScene;

/** The whole diagram to a file, independent of what the view shows. Returns an error message, empty on success. */
namespace DiagramExporter {

/// At most this many pixels (128 MB at 4 bytes each, what Qt's own image reader accepts) and this many on a side:
/// beyond, a PNG export would allocate up to a gigabyte on the GUI thread, and many viewers could not open it.
constexpr qint64 MaxPngPixels = 32LL * 1024 * 1024;
constexpr int MaxPngSide = 16384;

struct PngSize
{
    QSize pixels;
    bool reduced = false; ///< smaller than twice the scene's resolution, to stay within the limits
};

/// Twice the scene's resolution, so it stays sharp in documents, unless that passes the limits.
PngSize pngSizeFor(const QRectF& sceneBounds);
/// Renders the diagram without drawing the selection (and without changing it).
QString exportPng(DiagramScene* scene, const QString& path, bool demo);
QString exportSvg(DiagramScene* scene, const QString& path, bool demo);

} // namespace DiagramExporter
