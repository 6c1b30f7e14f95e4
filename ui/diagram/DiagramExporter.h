// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class DiagramScene;

/** The whole diagram to a file, independent of what the view shows. Returns an error message, empty on success. */
namespace DiagramExporter {

/// PNG at twice the scene's resolution, so it stays sharp in documents.
QString exportPng(DiagramScene* scene, const QString& path, bool demo);
QString exportSvg(DiagramScene* scene, const QString& path, bool demo);

} // namespace DiagramExporter
