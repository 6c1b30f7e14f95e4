// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/CheckResult.h"

#include <QObject>

/**
 * One network test for the Checks panel and `tunnelscope-cli check`. Subclasses: InfluxReachabilityCheck here;
 * Loki /ready and S3 checks are added the same way.
 */
class NetworkCheck : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~NetworkCheck() override = default;

    virtual QString name() const = 0;
    virtual QString target() const = 0;
    /// Starts the test; finished comes exactly once per run, asynchronously.
    virtual void run() = 0;

Q_SIGNALS:
    void finished(const CheckResult& result);
};
