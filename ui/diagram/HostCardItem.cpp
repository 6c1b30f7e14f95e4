// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/HostCardItem.h"

#include "diagram/DiagramFonts.h"
#include "diagram/DiagramScene.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace {

constexpr double Padding = 10;
constexpr double BadgeGap = 5;
constexpr double BadgePadding = 6;
constexpr double Radius = 8;
constexpr double CheckMarkHeight = 16;
constexpr double FullDetail = 0.45;   ///< below this zoom, text is too small to read: draw a simple card
constexpr double NameDetail = 0.22;   ///< below this, not even the name: a state-coloured rectangle

/// Measures text in a font, remembering the answers: sizing cards is mostly measuring the same few badge texts
/// ("Telegraf", "fail2ban 3/h") again, and each new snapshot would otherwise measure every card's badges.
class TextMeasures
{
public:
    double height(const QFont& font) { return entryFor(font).height; }

    double advance(const QFont& font, const QString& text)
    {
        Entry& entry = entryFor(font);
        if (const auto known = entry.advances.constFind(text); known != entry.advances.cend())
            return *known;
        if (entry.advances.size() > 4096)
            entry.advances.clear(); // counts are endless; the badge texts in use are few
        const double advance = entry.metrics.horizontalAdvance(text);
        entry.advances.insert(text, advance);
        return advance;
    }

private:
    struct Entry
    {
        QFontMetricsF metrics;
        double height;
        QHash<QString, double> advances;
    };

    Entry& entryFor(const QFont& font)
    {
        const QString key = font.key();
        auto found = m_entries.find(key);
        if (found == m_entries.end()) {
            const QFontMetricsF metrics(font);
            found = m_entries.insert(key, Entry {metrics, metrics.height(), {}});
        }
        return *found;
    }

    QHash<QString, Entry> m_entries;
};

TextMeasures& measures()
{
    static TextMeasures instance; // the GUI thread only, as all item code
    return instance;
}

double badgeHeight()
{
    return measures().height(DiagramFonts::small()) + 6;
}

/// Lays badges out in rows that wrap at the card's width; returns the height used (0 for none).
template<typename Visit>
double flowBadges(const QList<HostCardContent::Badge>& badges, double top, Visit&& visit)
{
    if (badges.isEmpty())
        return 0;
    const QFont font = DiagramFonts::small();
    const double maxWidth = HostCardItem::Width - 2 * Padding;
    double x = Padding;
    double y = top;
    for (const auto& badge : badges) {
        const double width = std::min(maxWidth, measures().advance(font, badge.text) + 2 * BadgePadding);
        if (x > Padding && x + width > HostCardItem::Width - Padding) {
            x = Padding;
            y += badgeHeight() + BadgeGap;
        }
        visit(badge, QRectF(x, y, width, badgeHeight()));
        x += width + BadgeGap;
    }
    return y + badgeHeight() - top;
}

struct Rows
{
    double title;
    double subtitle;
    double address;
    double services;
    double events;
    double metrics;
    double bottom;
};

Rows rowsFor(const HostCardContent& content)
{
    const double titleHeight = measures().height(DiagramFonts::title());
    const double bodyHeight = measures().height(DiagramFonts::body());
    Rows rows {};
    rows.title = Padding;
    rows.subtitle = rows.title + titleHeight + 2;
    rows.address = rows.subtitle + bodyHeight + 1;
    rows.services = rows.address + bodyHeight + 7;
    const double servicesHeight = flowBadges(content.services, rows.services, [](auto&&, auto&&) {});
    rows.events = rows.services + servicesHeight + (servicesHeight > 0 ? BadgeGap : 0);
    const double eventsHeight = flowBadges(content.events, rows.events, [](auto&&, auto&&) {});
    rows.metrics = rows.events + eventsHeight + (eventsHeight > 0 ? 7 : 2);
    rows.bottom = rows.metrics + bodyHeight + Padding - 2;
    return rows;
}

} // namespace

HostCardItem::HostCardItem(const QString& hostId, HostCardContent content, const DiagramPalette* palette, const QSizeF& size)
    : m_hostId(hostId)
    , m_content(std::move(content))
    , m_palette(palette)
    , m_size(size.isValid() ? size : sizeFor(m_content))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    // Cards are the most repeated drawing of a large network: cache them at screen resolution.
    setCacheMode(DeviceCoordinateCache);
    setZValue(10);
    setCursor(Qt::ArrowCursor);
}

QSizeF HostCardItem::sizeFor(const HostCardContent& content)
{
    return QSizeF(Width, rowsFor(content).bottom);
}

void HostCardItem::setContent(HostCardContent content)
{
    if (content == m_content)
        return;
    const bool badgesChanged = content.services != m_content.services || content.events != m_content.events;
    HostCardContent drawn = content;
    drawn.stateReason = m_content.stateReason; // said only in the tooltip
    const bool looksDifferent = !(drawn == m_content);
    m_content = std::move(content);
    if (badgesChanged) {
        const QSizeF size = sizeFor(m_content);
        if (size != m_size) {
            prepareGeometryChange();
            m_size = size;
        }
    }
    setToolTip(m_content.title + QStringLiteral("\n") + m_content.stateWord + QStringLiteral(": ") + m_content.stateReason);
    if (looksDifferent)
        update();
}

QRectF HostCardItem::boundingRect() const
{
    // Room above the top edge for the check mark, which sits astride it.
    return QRectF(QPointF(0, 0), m_size).adjusted(-4, -CheckMarkHeight / 2 - 2, 4, 4);
}

void HostCardItem::setCheckMark(const QString& text, bool ok)
{
    if (text == m_checkText && ok == m_checkOk)
        return;
    m_checkText = text;
    m_checkOk = ok;
    update();
}

void HostCardItem::paintCheckMark(QPainter* painter) const
{
    if (m_checkText.isEmpty())
        return;
    painter->setFont(DiagramFonts::small());
    const QFontMetricsF metrics(painter->font());
    // The sign repeats what the colour says: a tick for ok, a cross for failing.
    const QString text = (m_checkOk ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) + m_checkText;
    const double maxWidth = m_size.width() - 2 * Padding;
    const double width = std::min(maxWidth, metrics.horizontalAdvance(text) + 2 * BadgePadding);
    const QRectF rect(m_size.width() - Padding - width, -CheckMarkHeight / 2, width, CheckMarkHeight);
    const QColor color = m_palette->state(m_checkOk ? PeerStatus::State::Online : PeerStatus::State::Offline);
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(m_palette->cardFill());
    painter->drawRoundedRect(rect, CheckMarkHeight / 2, CheckMarkHeight / 2);
    painter->setPen(color);
    painter->drawText(rect.adjusted(BadgePadding, 0, -BadgePadding, 0), Qt::AlignCenter,
        metrics.elidedText(text, Qt::ElideRight, rect.width() - 2 * BadgePadding));
}

QVariant HostCardItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged) {
        if (auto* diagram = qobject_cast<DiagramScene*>(scene()))
            diagram->cardMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

void HostCardItem::paintShapeOnly(QPainter* painter) const
{
    // Text would be a smudge of pixels: the state's colour fills the card, a map of the network's health.
    const bool outline = DiagramPalette::isOutlineOnly(m_content.stateName);
    if (DiagramScene::drawsSelected(this, isSelected()))
        painter->setPen(QPen(m_palette->selection(), 3));
    else if (outline)
        painter->setPen(QPen(m_palette->stateNamed(m_content.stateName), 1, Qt::DashLine));
    else
        painter->setPen(Qt::NoPen);
    painter->setBrush(outline ? QBrush(m_palette->cardFill()) : m_palette->stateBrush(m_content.stateName));
    painter->drawRect(QRectF(QPointF(0, 0), m_size));
}

void HostCardItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < NameDetail) {
        paintShapeOnly(painter);
        return;
    }
    const QRectF card(QPointF(0, 0), m_size);
    const QColor stateColor = m_palette->stateNamed(m_content.stateName);
    painter->setPen(DiagramScene::drawsSelected(this, isSelected()) ? QPen(m_palette->selection(), 3) : QPen(m_palette->cardBorder(), 1));
    painter->setBrush(m_palette->cardFill());
    painter->drawRoundedRect(card, Radius, Radius);
    // A strip on the left in the state's colour: the state at a glance, even zoomed out.
    QPainterPath strip;
    strip.addRoundedRect(QRectF(0.5, 0.5, 5, m_size.height() - 1), 3, 3);
    painter->fillPath(strip, m_palette->stateBrush(m_content.stateName));
    if (DiagramPalette::isOutlineOnly(m_content.stateName)) {
        painter->setPen(QPen(stateColor, 1, Qt::DashLine));
        painter->drawPath(strip);
    }
    if (detail < FullDetail) {
        paintSimplified(painter, detail);
    } else {
        paintFull(painter);
        paintCheckMark(painter);
    }
}

void HostCardItem::paintSimplified(QPainter* painter, double) const
{
    QFont font = DiagramFonts::title();
    font.setPointSizeF(font.pointSizeF() * 1.8);
    painter->setFont(font);
    painter->setPen(m_palette->text());
    const QRectF area = QRectF(QPointF(0, 0), m_size).adjusted(Padding + 4, Padding, -Padding, -Padding);
    painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_content.title + QStringLiteral("\n") + m_content.stateWord);
}

void HostCardItem::paintStateDot(QPainter* painter, const QPointF& center, double radius, const QString& stateName) const
{
    const QColor color = m_palette->stateNamed(stateName);
    painter->setPen(QPen(color, 1.5, DiagramPalette::isOutlineOnly(stateName) ? Qt::DotLine : Qt::SolidLine));
    painter->setBrush(m_palette->stateBrush(stateName));
    painter->drawEllipse(center, radius, radius);
}

double HostCardItem::paintBadges(QPainter* painter, const QList<HostCardContent::Badge>& badges, double y) const
{
    painter->setFont(DiagramFonts::small());
    const QFontMetricsF metrics(DiagramFonts::small());
    return flowBadges(badges, y, [&](const HostCardContent::Badge& badge, const QRectF& rect) {
        const bool agent = badge.exposure == Service::Exposure::Agent && !badge.event;
        painter->setPen(QPen(m_palette->cardBorder(), 1, agent ? Qt::DashLine : Qt::SolidLine));
        painter->setBrush(badge.event ? m_palette->eventBadgeFill() : m_palette->badgeFill(badge.exposure));
        painter->drawRoundedRect(rect, 4, 4);
        painter->setPen(agent ? m_palette->mutedText() : m_palette->badgeText());
        painter->drawText(rect.adjusted(BadgePadding, 0, -BadgePadding, 0), Qt::AlignVCenter | Qt::AlignLeft,
            metrics.elidedText(badge.text, Qt::ElideRight, rect.width() - 2 * BadgePadding));
    });
}

void HostCardItem::paintFull(QPainter* painter) const
{
    const Rows rows = rowsFor(m_content);
    const double textLeft = Padding + 4;
    const double right = m_size.width() - Padding;

    // Title row: dot and name.
    painter->setFont(DiagramFonts::title());
    const QFontMetricsF titleMetrics(painter->font());
    paintStateDot(painter, QPointF(textLeft + 5, rows.title + titleMetrics.height() / 2), 5, m_content.stateName);
    painter->setPen(m_palette->text());
    painter->drawText(QRectF(textLeft + 16, rows.title, right - textLeft - 16, titleMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, titleMetrics.elidedText(m_content.title, Qt::ElideRight, right - textLeft - 16));

    painter->setFont(DiagramFonts::body());
    const QFontMetricsF body(painter->font());
    painter->setPen(m_palette->mutedText());
    painter->drawText(QRectF(textLeft, rows.subtitle, right - textLeft, body.height()), Qt::AlignLeft | Qt::AlignVCenter,
        body.elidedText(m_content.subtitle, Qt::ElideRight, right - textLeft));

    // Address on the left, the state word on the right in the state's colour.
    QFont stateFont = DiagramFonts::body();
    stateFont.setBold(true);
    const double stateWidth = QFontMetricsF(stateFont).horizontalAdvance(m_content.stateWord);
    painter->setPen(m_palette->text());
    painter->drawText(QRectF(textLeft, rows.address, right - textLeft - stateWidth - 8, body.height()),
        Qt::AlignLeft | Qt::AlignVCenter, body.elidedText(m_content.address, Qt::ElideRight, right - textLeft - stateWidth - 8));
    painter->setFont(stateFont);
    painter->setPen(m_palette->stateNamed(m_content.stateName));
    painter->drawText(QRectF(right - stateWidth, rows.address, stateWidth, body.height()), Qt::AlignRight | Qt::AlignVCenter,
        m_content.stateWord);

    paintBadges(painter, m_content.services, rows.services);
    paintBadges(painter, m_content.events, rows.events);

    painter->setFont(DiagramFonts::small());
    const QFontMetricsF small(painter->font());
    paintStateDot(painter, QPointF(textLeft + 3.5, rows.metrics + body.height() / 2), 3.5, m_content.metricsState);
    painter->setPen(m_palette->mutedText());
    painter->drawText(QRectF(textLeft + 12, rows.metrics, right - textLeft - 12, body.height()), Qt::AlignLeft | Qt::AlignVCenter,
        small.elidedText(m_content.metricsLine, Qt::ElideRight, right - textLeft - 12));
}
