// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"

#include <QApplication>
#include <QMouseEvent>
#include <QWidget>

namespace DiagramTestHelpers {

/// One demo poll delivered to the network, as the main window's wiring would; returns it, to deliver again.
inline TelemetrySnapshot deliverDemoPoll(DemoTelemetrySource& source, NetworkState& network)
{
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    TelemetrySnapshot snapshot = source.takeSnapshot();
    network.applySnapshot(snapshot);
    return snapshot;
}

/// A press-move-release drag with the button held throughout (QTest::mouseMove carries no buttons).
inline void drag(QWidget* widget, QPoint from, QPoint to)
{
    auto send = [widget](QEvent::Type type, QPoint at, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, widget->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(widget, &event);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    const int steps = 8;
    for (int i = 1; i <= steps; ++i)
        send(QEvent::MouseMove, from + (to - from) * i / steps, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
}

} // namespace DiagramTestHelpers
