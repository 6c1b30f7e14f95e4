// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliProcess.h"

#include <QProcess>
#include <QSignalSpy>

CliProcess CliProcess::run(const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(TUNNELSCOPE_CLI_PATH), arguments);
    CliProcess result;
    if (!finished.wait(TimeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
