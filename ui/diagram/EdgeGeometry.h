// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

/** The shapes edges take between cards: pure geometry, shared by tunnels, flows and their labels. */
namespace EdgeGeometry {

/// A smooth curve that leaves one card from the side facing the other and enters the other the same way.
QPainterPath curveBetween(const QRectF& from, const QRectF& to);
/// The same curve moved sideways by distance (positive: to the left of the direction of travel).
QPainterPath offsetCurve(const QRectF& from, const QRectF& to, double distance);
/// A filled triangle at the path's end, pointing along it.
QPolygonF arrowHead(const QPainterPath& path, double size);
/// A point along a path, fraction 0..1 of its length.
QPointF pointAt(const QPainterPath& path, double fraction);

} // namespace EdgeGeometry
