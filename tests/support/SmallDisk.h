// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

/**
 * A tiny tmpfs mounted in a temporary folder (root only), to stand for a full or read-only disk: fill() writes
 * until the file system refuses, makeReadOnly() remounts it read-only. Unmounted when destroyed.
 */
class SmallDisk
{
public:
    SmallDisk() = default;
    ~SmallDisk();
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool mount(int kilobytes); ///< false when mount(8) failed (not root, no tmpfs)
    QString path() const { return m_mount; }
    QString filePath(const QString& name) const;
    bool fill();         ///< a filler file takes every byte left
    bool makeReadOnly(); ///< removes the filler, then remounts read-only

    static QByteArray contentsOf(const QString& path);

private:
    static bool runTool(const QString& program, const QStringList& arguments);

    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
};
