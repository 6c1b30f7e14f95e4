// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "layout/GroupCollapse.h"

#include <QGraphicsItem>
#include <QStaticText>

/**
 * A collapsed segment as one card: its name and size, how many of its hosts are in each state, their summed rates,
 * and the worst state as the colour of its strip. Its problem members stand beside it as cards of their own.
 */
class GroupAggregateItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 7 };
    static constexpr double Width = 300;

    GroupAggregateItem(const QString& segmentId, const QString& name, const DiagramPalette* palette);

    int type() const override { return Type; }
    QString segmentId() const { return m_segmentId; }
    const GroupCollapse::Summary& summary() const { return m_summary; }
    QString stateName() const { return PeerStatus::stateName(m_summary.worst); }
    /// Repaints only when the summary differs; returns whether it did.
    bool setSummary(const GroupCollapse::Summary& summary);
    /// How many times a new summary made the card repaint: a poll that changes nothing repaints nothing.
    int restyles() const { return m_restyles; }
    QRectF sceneRectOfCard() const { return QRectF(pos(), size()); }
    static QSizeF size();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void relayoutText();
    void paintCounts(QPainter* painter, double top) const;

    QString m_segmentId;
    QString m_name;
    const DiagramPalette* m_palette;
    GroupCollapse::Summary m_summary;
    QStaticText m_title;
    QStaticText m_rates;
    QStaticText m_footer;
    QList<QStaticText> m_counts; ///< one per state, in PeerStatus::State order
    int m_restyles = 0;
};
