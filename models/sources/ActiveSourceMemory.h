// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

/**
 * Which source a topology file was last shown with (demo or a data source's id), kept in QSettings under a hash
 * of the file's path so the settings name no paths. Never a secret, and nothing for the embedded default.
 */
namespace ActiveSourceMemory {

/// The id the file was last shown with, an empty string for demo data, nullopt when nothing is remembered.
std::optional<QString> recall(const QString& topologyPath);
/// Remembers `sourceId` (empty for demo) for the file; does nothing for an empty path.
void remember(const QString& topologyPath, const QString& sourceId);

} // namespace ActiveSourceMemory
