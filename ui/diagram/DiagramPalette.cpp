// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramPalette.h"

DiagramPalette::DiagramPalette(const QPalette& palette)
    : m_palette(palette)
    , m_dark(palette.color(QPalette::Base).lightnessF() < 0.5)
{
}

QColor DiagramPalette::tone(int hue, int saturation, int lightValue, int darkValue) const
{
    return QColor::fromHsv(hue, saturation, m_dark ? darkValue : lightValue);
}

QColor DiagramPalette::mix(const QColor& a, const QColor& b, double amountOfB) const
{
    const double keep = 1.0 - amountOfB;
    return QColor::fromRgbF(static_cast<float>(a.redF() * keep + b.redF() * amountOfB),
        static_cast<float>(a.greenF() * keep + b.greenF() * amountOfB),
        static_cast<float>(a.blueF() * keep + b.blueF() * amountOfB));
}

QColor DiagramPalette::state(PeerStatus::State state) const
{
    return stateNamed(PeerStatus::stateName(state));
}

QColor DiagramPalette::stateNamed(const QString& name) const
{
    if (name == QLatin1String("online") || name == QLatin1String("reporting"))
        return tone(130, 200, 150, 215);
    if (name == QLatin1String("stale"))
        return tone(38, 230, 215, 245);
    if (name == QLatin1String("offline") || name == QLatin1String("silent"))
        return tone(2, 210, 200, 245);
    return mix(text(), canvas(), 0.45); // never, unknown, unmonitored: grey, told apart by their shapes
}

QColor DiagramPalette::reporting(HostState::Reporting reporting) const
{
    switch (reporting) {
    case HostState::Reporting::Reporting:
        return stateNamed(QStringLiteral("reporting"));
    case HostState::Reporting::Silent:
        return stateNamed(QStringLiteral("silent"));
    case HostState::Reporting::NotMonitored:
    case HostState::Reporting::Unknown:
        break;
    }
    return stateNamed(QStringLiteral("unknown"));
}

bool DiagramPalette::isOutlineOnly(const QString& stateName)
{
    return stateName == QLatin1String("never") || stateName == QLatin1String("unmonitored");
}

QBrush DiagramPalette::stateBrush(const QString& stateName) const
{
    const QColor color = stateNamed(stateName);
    if (isHatched(stateName))
        return QBrush(color, Qt::BDiagPattern);
    if (isOutlineOnly(stateName))
        return Qt::NoBrush;
    return color;
}

QColor DiagramPalette::canvas() const
{
    return m_palette.color(QPalette::Base);
}

QColor DiagramPalette::text() const
{
    return m_palette.color(QPalette::Text);
}

QColor DiagramPalette::mutedText() const
{
    return mix(text(), canvas(), 0.38);
}

QColor DiagramPalette::cardFill() const
{
    return m_dark ? mix(canvas(), QColor(Qt::white), 0.07) : QColor(Qt::white);
}

QColor DiagramPalette::cardBorder() const
{
    return mix(text(), canvas(), 0.72);
}

QColor DiagramPalette::selection() const
{
    return m_palette.color(QPalette::Highlight);
}

QColor DiagramPalette::regionFill(Segment::Kind kind) const
{
    // Faint washes of distinct hues: the regions group, the cards carry the information.
    const double strength = m_dark ? 0.16 : 0.09;
    switch (kind) {
    case Segment::Kind::Internet:
        return mix(canvas(), tone(205, 120, 200, 230), strength);
    case Segment::Kind::PublicCloud:
        return mix(canvas(), tone(28, 150, 220, 240), strength);
    case Segment::Kind::HomeNetwork:
        return mix(canvas(), tone(150, 110, 170, 220), strength);
    case Segment::Kind::Hypervisor:
        return mix(canvas(), tone(265, 90, 190, 230), strength * 1.4);
    case Segment::Kind::Vpn:
    case Segment::Kind::Other:
        break;
    }
    return mix(canvas(), text(), strength * 0.5);
}

QColor DiagramPalette::regionBorder(Segment::Kind kind) const
{
    return mix(regionFill(kind), text(), m_dark ? 0.32 : 0.25);
}

QColor DiagramPalette::badgeFill(Service::Exposure exposure) const
{
    const double strength = m_dark ? 0.30 : 0.16;
    switch (exposure) {
    case Service::Exposure::Public:
        return mix(cardFill(), tone(28, 200, 230, 240), strength);
    case Service::Exposure::VpnOnly:
        return mix(cardFill(), tone(180, 200, 170, 220), strength);
    case Service::Exposure::Private:
        return mix(cardFill(), tone(220, 120, 190, 230), strength);
    case Service::Exposure::Agent:
        break;
    }
    return cardFill();
}

QColor DiagramPalette::badgeText() const
{
    return text();
}

QColor DiagramPalette::eventBadgeFill() const
{
    return mix(cardFill(), tone(38, 230, 230, 245), m_dark ? 0.30 : 0.22);
}

QColor DiagramPalette::flow(DataFlow::Kind kind) const
{
    return kind == DataFlow::Kind::Metrics ? tone(212, 200, 215, 250) : tone(285, 150, 185, 240);
}

QColor DiagramPalette::labelFill() const
{
    QColor fill = cardFill();
    fill.setAlphaF(0.92f);
    return fill;
}

QColor DiagramPalette::demoRibbon() const
{
    return tone(20, 220, 215, 200);
}
