// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/HostState.h"
#include "telemetry/PeerStatus.h"
#include "topology/DataFlow.h"
#include "topology/Segment.h"
#include "topology/Service.h"

#include <QBrush>
#include <QColor>
#include <QPalette>
#include <QPen>

/**
 * Every colour the diagram, the tree and the legend use, derived from the widget palette so that a dark desktop
 * theme reads as well as a light one. State colours are only ever one of two signals: a word or a line style
 * always says the same thing.
 */
class DiagramPalette
{
public:
    explicit DiagramPalette(const QPalette& palette = {});

    bool isDark() const { return m_dark; }
    const QPalette& widgetPalette() const { return m_palette; }

    QColor state(PeerStatus::State state) const;
    /// By the names the tree model carries ("online", "reporting", "silent", "unmonitored", ...).
    QColor stateNamed(const QString& name) const;
    QColor reporting(HostState::Reporting reporting) const;
    /// Hatched for unknown, plain for the others: the brush a state dot or tunnel line is painted with.
    QBrush stateBrush(const QString& stateName) const;
    static bool isHatched(const QString& stateName) { return stateName == QLatin1String("unknown"); }
    static bool isOutlineOnly(const QString& stateName);

    QColor canvas() const;
    QColor text() const;
    QColor mutedText() const;
    QColor cardFill() const;
    QColor cardBorder() const;
    QColor selection() const;
    QColor regionFill(Segment::Kind kind) const;
    QColor regionBorder(Segment::Kind kind) const;
    QColor badgeFill(Service::Exposure exposure) const;
    QColor badgeText() const;
    QColor eventBadgeFill() const;
    QColor flow(DataFlow::Kind kind) const;
    QColor labelFill() const;
    QColor demoRibbon() const;

private:
    /// A hue that keeps enough contrast against the canvas: darker on light themes, lighter on dark ones.
    QColor tone(int hue, int saturation, int lightValue, int darkValue) const;
    QColor mix(const QColor& a, const QColor& b, double amountOfB) const;

    QPalette m_palette;
    bool m_dark = false;
};
