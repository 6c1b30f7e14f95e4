// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class DiagramPalette;

/** What each colour, line style and badge of the diagram means; floats over the view's lower left corner. */
class LegendWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit LegendWidget(const DiagramPalette* palette, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    /// The entries' words, in order, for tests and accessibility.
    static QStringList entryTexts();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const DiagramPalette* m_palette;
};
