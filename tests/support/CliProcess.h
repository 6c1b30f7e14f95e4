// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

/** tunnelscope-cli run as a user runs it, while this process's event loop keeps serving test servers. */
struct CliProcess
{
    static constexpr int TimeoutMs = 30000;

    int exitCode = -1; ///< -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;

    static CliProcess run(const QStringList& arguments,
                          const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
};
