// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

/** The outcome of one network test run from the laptop ("InfluxDB reachable", "Loki ready", "S3 answers"). */
struct CheckResult
{
    QString name;        ///< "InfluxDB", "Loki", "S3"
    QString target;      ///< the URL that was tested
    QString probe;       ///< what was asked: "/health", "/ping", "/ready"
    bool ok = false;
    qint64 latencyMs = -1;
    QString detail;      ///< the server's words when ok, the error in the user's words otherwise
    QString version;     ///< the server's version when it told us
    QDateTime finishedAt;
};
