// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyFile.h"

#include "core/FileLimits.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace {

/// Why QSaveFile could not open: its own text says only "is not writable" for an existing file, whatever the cause;
/// the folder's errno tells a read-only file system or a missing permission apart.
QString openFailure(const QString& path, const QSaveFile& file)
{
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::access(folder.constData(), W_OK) != 0 && errno != ENOENT)
        return QString::fromLocal8Bit(std::strerror(errno));
    return file.errorString();
}

} // namespace

namespace TopologyFile {

TopologyParseResult load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TopologyParseResult result;
        result.errors.append({QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), 0, 0});
        return result;
    }
    QByteArray json;
    const QString tooBig = FileLimits::readAll(file, FileLimits::TopologyBytes, path, &json);
    if (!tooBig.isEmpty()) {
        TopologyParseResult result;
        result.errors.append({QString(), tooBig, 0, 0});
        return result;
    }
    return TopologyJson::read(json);
}

QString save(const QString& path, const Topology& topology)
{
    QSaveFile file(path);
    // Unbuffered: a buffered write that the disk takes only part of can still commit as a truncated file.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return QStringLiteral("cannot write %1: %2").arg(path, openFailure(path, file));
    const QByteArray json = TopologyJson::write(topology);
    const qint64 written = file.write(json);
    if (written != json.size()) {
        const QString reason = written < 0 || file.error() != QFileDevice::NoError
            ? file.errorString()
            : QStringLiteral("only %1 of %2 bytes could be written (is the disk full?)").arg(written).arg(json.size());
        file.cancelWriting();
        return QStringLiteral("cannot write %1: %2").arg(path, reason);
    }
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QByteArray referenceDeploymentJson()
{
    QFile file(QStringLiteral(":/topology/reference-deployment.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the embedded reference deployment is missing from the build");
    return file.readAll();
}

Topology referenceDeployment()
{
    const TopologyParseResult result = TopologyJson::read(referenceDeploymentJson());
    if (!result.ok())
        qFatal("the embedded reference deployment is invalid: %s", qPrintable(TopologyError::describe(result.errors)));
    return result.topology;
}

} // namespace TopologyFile
