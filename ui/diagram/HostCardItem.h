// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "diagram/HostCardContent.h"

#include <QGraphicsItem>

class DiagramScene;

/**
 * A host as a card: name, role, tunnel address, a state dot with its word, service and log-event badges, and
 * whether its metrics arrive. Movable; when it moves it tells the scene, which moves the edges and regions.
 */
class HostCardItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    static constexpr double Width = 268;

    /// size is sizeFor(content), passed in when the caller measured it already (measuring text is costly).
    HostCardItem(const QString& hostId, HostCardContent content, const DiagramPalette* palette, const QSizeF& size = {});

    int type() const override { return Type; }
    QString hostId() const { return m_hostId; }
    const HostCardContent& content() const { return m_content; }
    /// Repaints only when what is drawn changed, and measures again only when the badges did.
    void setContent(HostCardContent content);
    /// A network check's result as a small tab on the card's top edge ("✓ InfluxDB ok"); empty text hides it.
    void setCheckMark(const QString& text, bool ok);
    QString checkMarkText() const { return m_checkText; }
    bool checkMarkOk() const { return m_checkOk; }
    QRectF sceneRectOfCard() const { return QRectF(pos(), m_size); }

    /// The card's size for a content, so the layout can place cards before they exist.
    static QSizeF sizeFor(const HostCardContent& content);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void paintFull(QPainter* painter) const;
    void paintSimplified(QPainter* painter, double detail) const;
    void paintShapeOnly(QPainter* painter) const;
    void paintCheckMark(QPainter* painter) const;
    void paintStateDot(QPainter* painter, const QPointF& center, double radius, const QString& stateName) const;
    double paintBadges(QPainter* painter, const QList<HostCardContent::Badge>& badges, double y) const;

    QString m_hostId;
    HostCardContent m_content;
    const DiagramPalette* m_palette;
    QSizeF m_size;
    QString m_checkText;
    bool m_checkOk = true;
};
