// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireGuardTools.h"

#include "support/TestRequirements.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace WireGuardTools {

QString Run::describe() const
{
    return QStringLiteral("exit %1%2, stdout: %3, stderr: %4")
        .arg(exitCode)
        .arg(finished ? QString() : QStringLiteral(" (did not finish in time)"), QString::fromUtf8(out).trimmed(),
            QString::fromUtf8(err).trimmed());
}

bool available(const QString& program)
{
    return TestRequirements::hasTool(program);
}

Run run(const QString& program, const QStringList& arguments, const QByteArray& input, int timeoutMs)
{
    Run result;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Run wgQuickStrip(const QString& configText)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wg0.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        Run failed;
        failed.err = "cannot write the temporary wg0.conf";
        return failed;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(configText.toUtf8());
    file.close();
    return run(QStringLiteral("wg-quick"), {QStringLiteral("strip"), path});
}

bool isRoot()
{
    return TestRequirements::isRoot();
}

} // namespace WireGuardTools
