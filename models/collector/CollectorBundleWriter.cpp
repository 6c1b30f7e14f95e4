// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/CollectorBundleWriter.h"

#include "collector/CollectorBundle.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString writeFile(const QString& path, const QByteArray& content)
{
    const QByteArray nativePath = QFile::encodeName(path);
    const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return QStringLiteral("cannot create %1: %2").arg(path, systemError());
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, static_cast<size_t>(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString error = QStringLiteral("cannot write %1: %2").arg(path, systemError());
            ::close(fd);
            return error;
        }
        done += n;
    }
    // fchmod as well: the creation mode is filtered by the umask, which only ever removes bits, but be explicit.
    if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0)
        return QStringLiteral("cannot finish %1: %2").arg(path, systemError());
    return {};
}

void removeTree(const QString& path)
{
    if (!path.isEmpty())
        QDir(path).removeRecursively();
}

/// Empty when the existing folder may receive secrets, else why not.
QString checkExistingDirectory(const QString& directory)
{
    struct stat info;
    if (::lstat(QFile::encodeName(directory).constData(), &info) != 0)
        return QStringLiteral("cannot inspect %1: %2").arg(directory, systemError());
    if (S_ISLNK(info.st_mode))
        return QStringLiteral("%1 is a symbolic link; give the real folder").arg(directory);
    if (!S_ISDIR(info.st_mode))
        return QStringLiteral("%1 exists and is not a folder").arg(directory);
    if ((info.st_mode & 077) != 0)
        return QStringLiteral("%1 exists and others may read it (mode %2); the bundle holds secrets: choose a new "
                              "folder or one with mode 0700")
            .arg(directory, QString::number(info.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0')));
    return {};
}

/// The bundle's names are ours, but a name that leads out of the folder must never reach the disk whatever made it.
QString checkFileNames(const CollectorBundle& bundle)
{
    for (const auto& file : bundle.files()) {
        if (file.name.isEmpty() || file.name.contains(QLatin1Char('/')) || file.name == QLatin1String(".")
            || file.name == QLatin1String(".."))
            return QStringLiteral("\"%1\" is not a file name inside the bundle folder; nothing was written")
                .arg(file.name);
    }
    return {};
}

} // namespace

namespace CollectorBundleWriter {

BundleWriteResult write(const CollectorBundle& bundle, const QString& directory, bool overwrite)
{
    BundleWriteResult result;
    result.error = checkFileNames(bundle);
    if (!result.ok())
        return result;
    const QString target = QFileInfo(directory).absoluteFilePath();
    const QString parent = QFileInfo(target).absolutePath();
    if (!QFileInfo(parent).isDir()) {
        result.error = QStringLiteral("the folder %1 does not exist").arg(parent);
        return result;
    }
    QFileInfo targetInfo(target);
    const bool exists = targetInfo.exists() || targetInfo.isSymLink();
    if (exists) {
        result.error = checkExistingDirectory(target);
        if (!result.ok())
            return result;
        for (const auto& file : bundle.files()) {
            if (QFileInfo::exists(target + QLatin1Char('/') + file.name) || QFileInfo(target + QLatin1Char('/') + file.name).isSymLink())
                result.conflicts.append(file.name);
        }
        if (!result.conflicts.isEmpty() && !overwrite) {
            result.error = QStringLiteral("%1 already holds %2; nothing was written (overwrite only after confirming)")
                               .arg(target, result.conflicts.join(QStringLiteral(", ")));
            return result;
        }
    }

    QByteArray tempTemplate = QFile::encodeName(parent + QStringLiteral("/.tunnelscope-bundle-XXXXXX"));
    if (!::mkdtemp(tempTemplate.data())) { // mkdtemp creates it with mode 0700
        result.error = QStringLiteral("cannot create a temporary folder in %1: %2").arg(parent, systemError());
        return result;
    }
    const QString temp = QFile::decodeName(tempTemplate);
    for (const auto& file : bundle.files()) {
        result.error = writeFile(temp + QLatin1Char('/') + file.name, file.content);
        if (!result.ok()) {
            removeTree(temp);
            return result;
        }
    }

    if (!exists) {
        if (::rename(tempTemplate.constData(), QFile::encodeName(target).constData()) != 0) {
            result.error = QStringLiteral("cannot create %1: %2").arg(target, systemError());
            removeTree(temp);
            return result;
        }
        result.createdDirectory = true;
    } else {
        QStringList moved;
        for (const auto& file : bundle.files()) {
            const QByteArray from = QFile::encodeName(temp + QLatin1Char('/') + file.name);
            const QByteArray to = QFile::encodeName(target + QLatin1Char('/') + file.name);
            if (::rename(from.constData(), to.constData()) != 0) {
                result.error = QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(to), systemError());
                for (const QString& name : std::as_const(moved)) {
                    if (!result.conflicts.contains(name))
                        QFile::remove(target + QLatin1Char('/') + name);
                }
                removeTree(temp);
                return result;
            }
            moved.append(file.name);
        }
        ::rmdir(tempTemplate.constData());
    }
    for (const auto& file : bundle.files())
        result.written.append(target + QLatin1Char('/') + file.name);
    return result;
}

void undo(const BundleWriteResult& result, const QString& directory)
{
    if (!result.ok())
        return;
    if (result.createdDirectory) {
        removeTree(QFileInfo(directory).absoluteFilePath());
        return;
    }
    for (const QString& path : result.written)
        QFile::remove(path);
}

} // namespace CollectorBundleWriter
