// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/SourceStatus.h"
#include "telemetry/TelemetrySnapshot.h"

#include <QObject>

/**
 * Where live data comes from. The diagram never knows which one it draws: the demo source and the
 * InfluxDB/Loki source both emit the same snapshots.
 */
class TelemetrySource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TelemetrySource() override = default;

    virtual QString name() const = 0;
    virtual bool isDemo() const = 0;
    virtual int pollIntervalSeconds() const = 0;
    virtual void start() = 0;
    virtual void stop() = 0;
    /// Ask now, without waiting for the timer; the answer comes as snapshotReady.
    virtual void pollNow() = 0;
    virtual SourceStatus status() const = 0;

Q_SIGNALS:
    void snapshotReady(const TelemetrySnapshot& snapshot);
    void statusChanged(const SourceStatus& status);
};
