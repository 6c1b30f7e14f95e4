// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/GroupAggregateItem.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"
#include "telemetry/PeerStateRules.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {

constexpr double Padding = 10;
constexpr double Radius = 8;
constexpr double StripWidth = 8;
constexpr double NameDetail = 0.22; ///< below this zoom, only the worst state's colour, as for host cards

/// The states in the order they are listed on the card: best first, two a row.
constexpr PeerStatus::State ListOrder[] = {PeerStatus::State::Online, PeerStatus::State::Stale, PeerStatus::State::Offline,
    PeerStatus::State::Never, PeerStatus::State::Unknown};

double lineHeight(const QFont& font)
{
    return QFontMetricsF(font).height();
}

QString thousands(int count)
{
    return QLocale(QLocale::English).toString(count);
}

} // namespace

GroupAggregateItem::GroupAggregateItem(const QString& segmentId, const QString& name, const DiagramPalette* palette)
    : m_segmentId(segmentId)
    , m_name(name)
    , m_palette(palette)
{
    setFlags(ItemIsSelectable);
    setCacheMode(DeviceCoordinateCache);
    setZValue(10);
    setToolTip(QStringLiteral("%1: drawn as one card. Double-click, press + or use the context menu to show every host.").arg(name));
    relayoutText();
}

QSizeF GroupAggregateItem::size()
{
    const double height = Padding + lineHeight(DiagramFonts::title()) + 6 + 3 * (lineHeight(DiagramFonts::body()) + 2) + 4
        + lineHeight(DiagramFonts::body()) + 4 + lineHeight(DiagramFonts::small()) + Padding;
    return QSizeF(Width, std::ceil(height));
}

bool GroupAggregateItem::setSummary(const GroupCollapse::Summary& summary)
{
    if (summary == m_summary)
        return false;
    // Which members are drawn beside the card does not show on the card itself, only how many are not.
    const bool looksDifferent = summary.hosts != m_summary.hosts || summary.perState != m_summary.perState
        || summary.worst != m_summary.worst || summary.moreProblems != m_summary.moreProblems
        || PeerStateRules::formatRate(summary.rxBytesPerSecond) != PeerStateRules::formatRate(m_summary.rxBytesPerSecond)
        || PeerStateRules::formatRate(summary.txBytesPerSecond) != PeerStateRules::formatRate(m_summary.txBytesPerSecond);
    m_summary = summary;
    if (!looksDifferent)
        return false;
    relayoutText();
    ++m_restyles;
    update();
    return true;
}

void GroupAggregateItem::relayoutText()
{
    // Laid out once per change, drawn from the layout on every paint.
    m_title = QStaticText(QStringLiteral("%1 · %2 hosts").arg(m_name, thousands(m_summary.hosts)));
    m_title.setTextFormat(Qt::PlainText);
    m_title.prepare(QTransform(), DiagramFonts::title());
    m_rates = QStaticText(QStringLiteral("→ hub %1   ← hub %2 (summed)")
                              .arg(PeerStateRules::formatRate(m_summary.rxBytesPerSecond),
                                  PeerStateRules::formatRate(m_summary.txBytesPerSecond)));
    m_rates.setTextFormat(Qt::PlainText);
    m_rates.prepare(QTransform(), DiagramFonts::body());
    const QString more = m_summary.moreProblems > 0
        ? QStringLiteral("and %1 more problems · ").arg(thousands(m_summary.moreProblems))
        : QString();
    m_footer = QStaticText(more + QStringLiteral("double-click or + to expand"));
    m_footer.setTextFormat(Qt::PlainText);
    m_footer.prepare(QTransform(), DiagramFonts::small());
    m_counts.clear();
    for (PeerStatus::State state : ListOrder) {
        QStaticText text(QStringLiteral("%1 %2").arg(thousands(m_summary.count(state)), PeerStatus::stateName(state)));
        text.setTextFormat(Qt::PlainText);
        text.prepare(QTransform(), DiagramFonts::body());
        m_counts.append(text);
    }
    setToolTip(QStringLiteral("%1: %2\nDouble-click, press + or use the context menu to show every host.")
                   .arg(m_name, m_summary.countsText()));
}

QRectF GroupAggregateItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), size()).adjusted(-2, -2, 2, 2);
}

void GroupAggregateItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QRectF card(QPointF(0, 0), size());
    const QString worst = stateName();
    const bool selected = DiagramScene::drawsSelected(this, isSelected());
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < NameDetail) {
        painter->setPen(selected ? QPen(m_palette->selection(), 3) : Qt::NoPen);
        painter->setBrush(m_palette->stateBrush(worst));
        painter->drawRect(card);
        return;
    }
    painter->setPen(selected ? QPen(m_palette->selection(), 3) : QPen(m_palette->cardBorder(), 1.5));
    painter->setBrush(m_palette->cardFill());
    painter->drawRoundedRect(card, Radius, Radius);
    // A second card's edge behind it: this card stands for many.
    painter->setPen(QPen(m_palette->cardBorder(), 1));
    painter->drawLine(QPointF(Radius, card.bottom() - 3), QPointF(card.right() - Radius, card.bottom() - 3));
    QPainterPath strip;
    strip.addRoundedRect(QRectF(0.5, 0.5, StripWidth, card.height() - 1), 3, 3);
    painter->fillPath(strip, m_palette->stateBrush(worst));

    const double left = Padding + StripWidth;
    double y = Padding;
    painter->setPen(m_palette->text());
    painter->setFont(DiagramFonts::title());
    painter->drawStaticText(QPointF(left, y), m_title);
    y += lineHeight(DiagramFonts::title()) + 6;
    paintCounts(painter, y);
    y += 3 * (lineHeight(DiagramFonts::body()) + 2) + 4;
    painter->setPen(m_palette->text());
    painter->setFont(DiagramFonts::body());
    painter->drawStaticText(QPointF(left, y), m_rates);
    y += lineHeight(DiagramFonts::body()) + 4;
    painter->setPen(m_palette->mutedText());
    painter->setFont(DiagramFonts::small());
    painter->drawStaticText(QPointF(left, y), m_footer);
}

void GroupAggregateItem::paintCounts(QPainter* painter, double top) const
{
    const double row = lineHeight(DiagramFonts::body()) + 2;
    const double column = (Width - 2 * Padding - StripWidth) / 2;
    painter->setFont(DiagramFonts::body());
    for (int i = 0; i < m_counts.size(); ++i) {
        const PeerStatus::State state = ListOrder[i];
        const QPointF at(Padding + StripWidth + (i % 2) * column, top + (i / 2) * row);
        const QString name = PeerStatus::stateName(state);
        const bool none = m_summary.count(state) == 0;
        painter->setPen(QPen(m_palette->stateNamed(name), 1.5, DiagramPalette::isOutlineOnly(name) ? Qt::DotLine : Qt::SolidLine));
        painter->setBrush(none ? QBrush(Qt::NoBrush) : m_palette->stateBrush(name));
        painter->drawEllipse(at + QPointF(5, row / 2 - 1), 4.5, 4.5);
        painter->setPen(none ? m_palette->mutedText() : m_palette->text());
        painter->drawStaticText(at + QPointF(16, 0), m_counts.at(i));
    }
}
