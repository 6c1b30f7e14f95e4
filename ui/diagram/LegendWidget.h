// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class DiagramPalette;
class NetworkState;

/** What each colour, line style and badge of the diagram means; floats over the view's lower left corner. */
class LegendWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit LegendWidget(const DiagramPalette* palette, QWidget* parent = nullptr);

    /// Counts the network's peers per state beside each tunnel entry, kept current as polls arrive.
    void setNetwork(const NetworkState* network);
    /// The count shown beside a state's entry ("2,001"); empty without a network.
    QString countText(const QString& stateName) const;

    QSize sizeHint() const override;
    /// The entries' words, in order, for tests and accessibility.
    static QStringList entryTexts();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void refreshCounts();

    const DiagramPalette* m_palette;
    const NetworkState* m_network = nullptr;
    QHash<QString, int> m_counts; ///< peers per state name
};
