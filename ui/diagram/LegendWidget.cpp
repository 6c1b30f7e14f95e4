// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/LegendWidget.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramPalette.h"
#include "diagram/EdgeGeometry.h"
#include "diagram/GroupAggregateItem.h"
#include "telemetry/NetworkState.h"
#include "telemetry/NetworkSummaryText.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>

namespace {

enum class Swatch { Tunnel, Flow, Badge, Group };

struct Entry
{
    Swatch swatch;
    const char* state; ///< tunnel state name, flow kind, or badge exposure
    const char* text;
};

constexpr Entry Entries[] = {
    {Swatch::Tunnel, "online", "online: handshake < 3 min"},
    {Swatch::Tunnel, "stale", "stale: handshake 3–9 min ago"},
    {Swatch::Tunnel, "offline", "offline: session keys dropped"},
    {Swatch::Tunnel, "never", "never: no handshake ever"},
    {Swatch::Tunnel, "unknown", "unknown: no current data"},
    {Swatch::Flow, "metrics", "metrics flow (dashed: idle)"},
    {Swatch::Flow, "logs", "logs flow (dashed: idle)"},
    {Swatch::Badge, "public", "service open to the Internet"},
    {Swatch::Badge, "vpn-only", "service reachable over VPN only"},
    {Swatch::Badge, "private", "service on the private network"},
    {Swatch::Badge, "agent", "agent (Telegraf, Alloy)"},
    {Swatch::Badge, "events", "log events in the last hour"},
    {Swatch::Group, "group", "many hosts as one card: + or double-click"},
};

/// Room for the widest count beside a tunnel entry.
constexpr const char* WidestCount = "00,000";

constexpr double Margin = 10;
constexpr double SwatchWidth = 34;
constexpr double RowGap = 3;

double rowHeight()
{
    return QFontMetricsF(DiagramFonts::small()).height() + RowGap;
}

} // namespace

LegendWidget::LegendWidget(const DiagramPalette* palette, QWidget* parent)
    : QWidget(parent)
    , m_palette(palette)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setToolTip(entryTexts().join(QLatin1Char('\n')));
    resize(sizeHint());
}

QStringList LegendWidget::entryTexts()
{
    QStringList texts;
    for (const Entry& entry : Entries)
        texts.append(QString::fromUtf8(entry.text));
    return texts;
}

QSize LegendWidget::sizeHint() const
{
    const QFontMetricsF metrics(DiagramFonts::small());
    double width = metrics.horizontalAdvance(QStringLiteral("Legend — line width follows traffic"));
    const double countWidth = 8 + metrics.horizontalAdvance(QLatin1String(WidestCount));
    for (const Entry& entry : Entries) {
        width = std::max(width, SwatchWidth + 8 + metrics.horizontalAdvance(QString::fromUtf8(entry.text))
                + (entry.swatch == Swatch::Tunnel ? countWidth : 0));
    }
    const double height = 2 * Margin + rowHeight() * (std::size(Entries) + 1);
    return QSize(static_cast<int>(width + 2 * Margin + 1), static_cast<int>(height + 1));
}

void LegendWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(m_palette->cardBorder(), 1));
    painter.setBrush(m_palette->labelFill());
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter.setFont(DiagramFonts::small());
    const double row = rowHeight();
    double y = Margin;
    QFont heading = DiagramFonts::small();
    heading.setBold(true);
    painter.setFont(heading);
    painter.setPen(m_palette->text());
    painter.drawText(QRectF(Margin, y, width() - 2 * Margin, row), Qt::AlignVCenter | Qt::AlignLeft,
        QStringLiteral("Legend — line width follows traffic"));
    painter.setFont(DiagramFonts::small());
    y += row;
    for (const Entry& entry : Entries) {
        const QString state = QString::fromLatin1(entry.state);
        const QRectF swatch(Margin, y + 2, SwatchWidth, row - 4);
        const double middle = swatch.center().y();
        switch (entry.swatch) {
        case Swatch::Tunnel: {
            QPainterPath line(QPointF(swatch.left(), middle));
            line.lineTo(swatch.right(), middle);
            if (DiagramPalette::isOutlineOnly(state)) {
                QPainterPathStroker stroker;
                stroker.setWidth(6);
                painter.setPen(QPen(m_palette->stateNamed(state), 1.2, Qt::DashLine));
                painter.setBrush(Qt::NoBrush);
                painter.drawPath(stroker.createStroke(line));
            } else {
                painter.setPen(QPen(m_palette->stateBrush(state), 6, Qt::SolidLine, Qt::FlatCap));
                painter.drawPath(line);
            }
            break;
        }
        case Swatch::Flow: {
            const QColor color = m_palette->flow(state == QLatin1String("logs") ? DataFlow::Kind::Logs : DataFlow::Kind::Metrics);
            QPainterPath line(QPointF(swatch.left(), middle));
            line.lineTo(swatch.right(), middle);
            painter.setPen(QPen(color, 1.6));
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(line);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawPolygon(EdgeGeometry::arrowHead(line, 8));
            break;
        }
        case Swatch::Group: {
            // As the group's card: a card with a second one's edge behind it, in the worst state's colour.
            painter.setPen(QPen(m_palette->cardBorder(), 1));
            painter.setBrush(m_palette->cardFill());
            painter.drawRoundedRect(swatch.adjusted(2, 0, -2, -2), 3, 3);
            painter.drawLine(QPointF(swatch.left() + 4, swatch.bottom()), QPointF(swatch.right() - 4, swatch.bottom()));
            painter.fillRect(QRectF(swatch.left() + 2, swatch.top(), 4, swatch.height() - 2), m_palette->stateBrush(QStringLiteral("online")));
            break;
        }
        case Swatch::Badge: {
            const bool events = state == QLatin1String("events");
            const auto exposure = Service::exposureFromName(state).value_or(Service::Exposure::Private);
            painter.setPen(QPen(m_palette->cardBorder(), 1, exposure == Service::Exposure::Agent && !events ? Qt::DashLine : Qt::SolidLine));
            painter.setBrush(events ? m_palette->eventBadgeFill() : m_palette->badgeFill(exposure));
            painter.drawRoundedRect(swatch, 3, 3);
            break;
        }
        }
        painter.setPen(m_palette->text());
        painter.drawText(QRectF(swatch.right() + 8, y, width() - swatch.right() - 8 - Margin, row), Qt::AlignVCenter | Qt::AlignLeft,
            QString::fromUtf8(entry.text));
        if (entry.swatch == Swatch::Tunnel && m_network) {
            const QString count = countText(state);
            painter.setPen(count == QLatin1String("0") ? m_palette->mutedText() : m_palette->text());
            painter.drawText(QRectF(Margin, y, width() - 2 * Margin, row), Qt::AlignVCenter | Qt::AlignRight, count);
        }
        y += row;
    }
}

void LegendWidget::setNetwork(const NetworkState* network)
{
    m_network = network;
    connect(network, &NetworkState::stateChanged, this, &LegendWidget::refreshCounts);
    connect(network, &NetworkState::topologyChanged, this, &LegendWidget::refreshCounts);
    refreshCounts();
}

void LegendWidget::refreshCounts()
{
    const NetworkState::Summary summary = m_network->summary();
    const QHash<QString, int> counts {{QStringLiteral("online"), summary.online}, {QStringLiteral("stale"), summary.stale},
        {QStringLiteral("offline"), summary.offline}, {QStringLiteral("never"), summary.never},
        {QStringLiteral("unknown"), summary.unknown}};
    // The heading's tooltip says it all in one line, as the status bar does.
    setToolTip(NetworkSummaryText::describe(summary) + QLatin1Char('\n') + entryTexts().join(QLatin1Char('\n')));
    if (counts == m_counts)
        return;
    m_counts = counts;
    update();
}

QString LegendWidget::countText(const QString& stateName) const
{
    return m_network ? NetworkSummaryText::count(m_counts.value(stateName)) : QString();
}
