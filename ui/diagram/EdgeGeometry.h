// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineF>
#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include <functional>
#include <optional>

/** The shapes edges take between cards: pure geometry, shared by tunnels, flows and their labels. */
namespace EdgeGeometry {

/// A cubic curve's four points.
struct Route
{
    QPointF start;
    QPointF startControl;
    QPointF endControl;
    QPointF end;
};

/// How bad a curve is: the number of cards it runs through, say. Lower is better.
using RouteCost = std::function<int(const QPainterPath&)>;

/// The curve between two cards that leaves and enters through the sides facing each other.
Route route(const QRectF& from, const QRectF& to);
/// Of the curves through any pair of sides, the one with the lowest cost, shortest first among equals.
Route routeAvoiding(const QRectF& from, const QRectF& to, const RouteCost& cost);
QPainterPath pathOf(const Route& route);
/// The route moved sideways by distance (positive: to the left of the direction of travel).
QPainterPath offsetPath(const Route& route, double distance);
Route reversed(const Route& route);

/// A smooth curve that leaves one card from the side facing the other and enters the other the same way.
QPainterPath curveBetween(const QRectF& from, const QRectF& to);
/// The same curve moved sideways by distance (positive: to the left of the direction of travel).
QPainterPath offsetCurve(const QRectF& from, const QRectF& to, double distance);
/// The straight line between two cards along the line joining their centres, from border to border: what large
/// diagrams draw, as a hub's fan of straight spokes reads better than thousands of curves and costs far less.
QLineF straightBetween(const QRectF& from, const QRectF& to);
/// A line as a Route (controls on the line), for code that works on routes.
Route routeOf(const QLineF& line);
/// The line moved sideways by distance, with offsetPath's sign.
QLineF offsetLine(const QLineF& line, double distance);
/// The part of the line inside rect (Liang-Barsky), none when it misses: only that part is worth stroking.
std::optional<QLineF> clipped(const QLineF& line, const QRectF& rect);
/// A filled triangle at the line's end, pointing along it.
QPolygonF arrowHead(const QLineF& line, double size);
/// A filled triangle at the path's end, pointing along it.
QPolygonF arrowHead(const QPainterPath& path, double size);
/// A point along a path, fraction 0..1 of its length.
QPointF pointAt(const QPainterPath& path, double fraction);

} // namespace EdgeGeometry
