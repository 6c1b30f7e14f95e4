// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"

#include <QWidget>

class DiagramPalette;
class NetworkState;
class QLabel;
class QTabWidget;
class QTextBrowser;

/**
 * The selection in detail: a header naming it and tabs. Overview is built in; other tabs (charts, logs) are added
 * with addTab and follow the selection through elementChanged.
 */
class DetailPanel final : public QWidget
{
    Q_OBJECT

public:
    DetailPanel(NetworkState* network, const DiagramPalette* palette, QWidget* parent = nullptr);

    DiagramElement element() const { return m_element; }
    int addTab(QWidget* page, const QString& title);
    QTabWidget* tabs() const { return m_tabs; }
    QString title() const;
    /// The Overview tab as plain text, for tests and copying.
    QString overviewText() const;

public Q_SLOTS:
    void showElement(const DiagramElement& element);

Q_SIGNALS:
    void elementChanged(const DiagramElement& element);

private:
    void refresh();

    NetworkState* m_network;
    const DiagramPalette* m_palette;
    DiagramElement m_element;
    QLabel* m_title;
    QLabel* m_subtitle;
    QTabWidget* m_tabs;
    QTextBrowser* m_overview;
};
