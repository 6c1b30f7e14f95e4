// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/TopologyJson.h"

#include <QString>

/** Reading and writing topology files on disk. Saving is atomic: a crash never leaves half a file. */
namespace TopologyFile {

/// The errors name the file in their first entry's message when it cannot be read at all.
TopologyParseResult load(const QString& path);
/// Returns an empty string on success, else a message naming the file and the problem.
QString save(const QString& path, const Topology& topology);
/// The reference deployment of deployment.md, embedded in the binary.
Topology referenceDeployment();
QByteArray referenceDeploymentJson();

} // namespace TopologyFile
