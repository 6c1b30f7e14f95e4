// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class CollectorBundle;

struct BundleWriteResult
{
    QString error;         ///< empty on success
    QStringList conflicts; ///< files that exist already (refused without overwrite)
    QStringList written;   ///< absolute paths, on success
    bool createdDirectory = false;

    bool ok() const { return error.isEmpty(); }
};

/**
 * Writes a bundle to a folder: the folder mode 0700, every file 0600, nothing ever half-written. The files go to a
 * private temporary folder next to the target first; a new target is then one rename, an existing one (mode 0700
 * only, never a folder others can read) gets one rename per file. An existing file is replaced only with overwrite.
 */
namespace CollectorBundleWriter {

BundleWriteResult write(const CollectorBundle& bundle, const QString& directory, bool overwrite = false);
/// Removes what write() put there: the folder if it created it, else the files it wrote. For a caller whose next
/// step failed (the CLI when the topology cannot be saved), so that nothing half-done stays behind.
void undo(const BundleWriteResult& result, const QString& directory);

} // namespace CollectorBundleWriter
