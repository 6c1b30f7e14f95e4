// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/EdgeGeometry.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace {

struct Ends
{
    QPointF start;
    QPointF startControl;
    QPointF endControl;
    QPointF end;
};

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

QPainterPath pathOf(const Ends& ends)
{
    QPainterPath path(ends.start);
    path.cubicTo(ends.startControl, ends.endControl, ends.end);
    return path;
}

} // namespace

namespace EdgeGeometry {

QPainterPath curveBetween(const QRectF& from, const QRectF& to)
{
    return pathOf(endsBetween(from, to));
}

QPainterPath offsetCurve(const QRectF& from, const QRectF& to, double distance)
{
    Ends ends = endsBetween(from, to);
    const QLineF chord(ends.start, ends.end);
    if (chord.length() < 1e-6)
        return pathOf(ends);
    const QLineF normal = chord.normalVector().unitVector();
    const QPointF shift = (normal.p2() - normal.p1()) * distance;
    ends.start += shift;
    ends.startControl += shift;
    ends.endControl += shift;
    ends.end += shift;
    return pathOf(ends);
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
