// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/EdgeGeometry.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace {

using Ends = EdgeGeometry::Route;

Ends endsBetween(const QRectF& from, const QRectF& to)
{
    const QPointF delta = to.center() - from.center();
    // The axis with the wider free gap between the cards: the curve leaves through that side.
    const double horizontalGap = std::abs(delta.x()) - (from.width() + to.width()) / 2;
    const double verticalGap = std::abs(delta.y()) - (from.height() + to.height()) / 2;
    Ends ends;
    if (horizontalGap >= verticalGap) {
        const double sign = delta.x() >= 0 ? 1 : -1;
        ends.start = QPointF(sign > 0 ? from.right() : from.left(), from.center().y());
        ends.end = QPointF(sign > 0 ? to.left() : to.right(), to.center().y());
        const double pull = std::max(40.0, std::abs(ends.end.x() - ends.start.x()) / 2);
        ends.startControl = ends.start + QPointF(sign * pull, 0);
        ends.endControl = ends.end - QPointF(sign * pull, 0);
    } else {
        const double sign = delta.y() >= 0 ? 1 : -1;
        ends.start = QPointF(from.center().x(), sign > 0 ? from.bottom() : from.top());
        ends.end = QPointF(to.center().x(), sign > 0 ? to.top() : to.bottom());
        const double pull = std::max(40.0, std::abs(ends.end.y() - ends.start.y()) / 2);
        ends.startControl = ends.start + QPointF(0, sign * pull);
        ends.endControl = ends.end - QPointF(0, sign * pull);
    }
    return ends;
}

enum class Side { Left, Right, Top, Bottom };

/// Where a curve leaves a card through a side, and which way it heads.
std::pair<QPointF, QPointF> sideExit(const QRectF& rect, Side side)
{
    switch (side) {
    case Side::Left:
        return {QPointF(rect.left(), rect.center().y()), QPointF(-1, 0)};
    case Side::Right:
        return {QPointF(rect.right(), rect.center().y()), QPointF(1, 0)};
    case Side::Top:
        return {QPointF(rect.center().x(), rect.top()), QPointF(0, -1)};
    case Side::Bottom:
        break;
    }
    return {QPointF(rect.center().x(), rect.bottom()), QPointF(0, 1)};
}

Ends endsThrough(const QRectF& from, Side fromSide, const QRectF& to, Side toSide)
{
    const auto [start, out] = sideExit(from, fromSide);
    const auto [end, in] = sideExit(to, toSide);
    const double pull = std::max(50.0, QLineF(start, end).length() / 2.5);
    return {start, start + out * pull, end + in * pull, end};
}

} // namespace

namespace EdgeGeometry {

QPainterPath pathOf(const Route& route)
{
    QPainterPath path(route.start);
    path.cubicTo(route.startControl, route.endControl, route.end);
    return path;
}

Route route(const QRectF& from, const QRectF& to)
{
    return endsBetween(from, to);
}

Route reversed(const Route& route)
{
    return {route.end, route.endControl, route.startControl, route.start};
}

Route routeAvoiding(const QRectF& from, const QRectF& to, const RouteCost& cost)
{
    Route best = endsBetween(from, to);
    int bestCost = cost(pathOf(best));
    double bestLength = pathOf(best).length();
    if (bestCost == 0)
        return best;
    constexpr Side sides[] = {Side::Left, Side::Right, Side::Top, Side::Bottom};
    for (Side fromSide : sides) {
        for (Side toSide : sides) {
            const Route candidate = endsThrough(from, fromSide, to, toSide);
            const QPainterPath path = pathOf(candidate);
            const int candidateCost = cost(path);
            const double length = path.length();
            if (candidateCost < bestCost || (candidateCost == bestCost && length < bestLength)) {
                best = candidate;
                bestCost = candidateCost;
                bestLength = length;
            }
        }
    }
    return best;
}

QPainterPath offsetPath(const Route& route, double distance)
{
    Route shifted = route;
    const QLineF chord(route.start, route.end);
    if (chord.length() < 1e-6)
        return pathOf(route);
    const QLineF normal = chord.normalVector().unitVector();
    const QPointF shift = (normal.p2() - normal.p1()) * distance;
    shifted.start += shift;
    shifted.startControl += shift;
    shifted.endControl += shift;
    shifted.end += shift;
    return pathOf(shifted);
}

QPainterPath curveBetween(const QRectF& from, const QRectF& to)
{
    return pathOf(endsBetween(from, to));
}

QPainterPath offsetCurve(const QRectF& from, const QRectF& to, double distance)
{
    return offsetPath(endsBetween(from, to), distance);
}

namespace {

/// Where the ray from the rectangle's centre towards target leaves the rectangle.
QPointF borderToward(const QRectF& rect, const QPointF& target)
{
    const QPointF center = rect.center();
    const QPointF delta = target - center;
    const double scaleX = std::abs(delta.x()) > 1e-9 ? rect.width() / 2 / std::abs(delta.x()) : 1e9;
    const double scaleY = std::abs(delta.y()) > 1e-9 ? rect.height() / 2 / std::abs(delta.y()) : 1e9;
    return center + delta * std::min(1.0, std::min(scaleX, scaleY));
}

} // namespace

QLineF straightBetween(const QRectF& from, const QRectF& to)
{
    return QLineF(borderToward(from, to.center()), borderToward(to, from.center()));
}

Route routeOf(const QLineF& line)
{
    return {line.p1(), line.pointAt(1.0 / 3), line.pointAt(2.0 / 3), line.p2()};
}

QLineF offsetLine(const QLineF& line, double distance)
{
    if (line.length() < 1e-6)
        return line;
    const QLineF normal = line.normalVector().unitVector();
    return line.translated((normal.p2() - normal.p1()) * distance);
}

std::optional<QLineF> clipped(const QLineF& line, const QRectF& rect)
{
    const QPointF delta = line.p2() - line.p1();
    double enter = 0;
    double leave = 1;
    // For each side: p is the direction's component towards the outside, q the room left before crossing it.
    const double ps[] = {-delta.x(), delta.x(), -delta.y(), delta.y()};
    const double qs[] = {line.p1().x() - rect.left(), rect.right() - line.p1().x(), line.p1().y() - rect.top(),
        rect.bottom() - line.p1().y()};
    for (int side = 0; side < 4; ++side) {
        if (std::abs(ps[side]) < 1e-12) {
            if (qs[side] < 0)
                return std::nullopt; // parallel to this side and outside it
            continue;
        }
        const double t = qs[side] / ps[side];
        if (ps[side] < 0)
            enter = std::max(enter, t);
        else
            leave = std::min(leave, t);
        if (enter > leave)
            return std::nullopt;
    }
    return QLineF(line.pointAt(enter), line.pointAt(leave));
}

QPolygonF arrowHead(const QLineF& line, double size)
{
    if (line.length() < 1e-6)
        return {};
    const QLineF unit = QLineF(line.p2(), line.p1()).unitVector();
    const QPointF back = unit.p2() - unit.p1();
    const QPointF side(-back.y(), back.x());
    const QPointF tip = line.p2();
    return QPolygonF({tip, tip + back * size + side * (size * 0.45), tip + back * size - side * (size * 0.45)});
}

QPolygonF arrowHead(const QPainterPath& path, double size)
{
    const QPointF tip = path.pointAtPercent(1.0);
    const double angle = path.angleAtPercent(0.995) * M_PI / 180.0;
    // angleAtPercent is counter-clockwise with y up; scene y grows downwards.
    const QPointF back(-std::cos(angle), std::sin(angle));
    const QPointF side(-back.y(), back.x());
    return QPolygonF({tip, tip + back * size + side * (size * 0.45), tip + back * size - side * (size * 0.45)});
}

QPointF pointAt(const QPainterPath& path, double fraction)
{
    return path.pointAtPercent(path.percentAtLength(path.length() * std::clamp(fraction, 0.0, 1.0)));
}

} // namespace EdgeGeometry
