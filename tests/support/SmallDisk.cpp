// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmallDisk.h"

#include <QDir>
#include <QFile>
#include <QProcess>

SmallDisk::~SmallDisk()
{
    if (m_mounted)
        runTool(QStringLiteral("umount"), {m_mount});
}

bool SmallDisk::mount(int kilobytes)
{
    m_mount = m_dir.filePath(QStringLiteral("disk"));
    if (!m_dir.isValid() || !QDir().mkdir(m_mount))
        return false;
    m_mounted = runTool(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=%1k,mode=0700").arg(kilobytes), QStringLiteral("tmpfs"), m_mount});
    return m_mounted;
}

QString SmallDisk::filePath(const QString& name) const
{
    return m_mount + QLatin1Char('/') + name;
}

bool SmallDisk::fill()
{
    QFile file(filePath(QStringLiteral("filler")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return false;
    // Blocks first, then single bytes for the last partial block; bounded by the largest disk a test would make.
    const QByteArray block(4096, '\0');
    for (int i = 0; i < 4096 && file.write(block) == block.size(); ++i) {
    }
    for (int i = 0; i < 4096 && file.write("\0", 1) == 1; ++i) {
    }
    return file.write("\0", 1) != 1;
}

bool SmallDisk::makeReadOnly()
{
    QFile::remove(filePath(QStringLiteral("filler")));
    return runTool(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_mount});
}

QByteArray SmallDisk::contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool SmallDisk::runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}
