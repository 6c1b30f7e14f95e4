// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"
#include "panels/OverviewDocument.h"

#include <QList>

#include <optional>
#include <QWidget>

class DiagramPalette;
class NetworkState;
class QLabel;
class QTabWidget;
class QTextBrowser;
class QTextTable;
class QUrl;

/**
 * The selection in detail: a header naming it and tabs. Overview is built in; other tabs (charts, logs) are added
 * with addTab and follow the selection through elementChanged. New numbers for the same page replace only the cells
 * that changed: a hub's page is laid out once, not on every poll.
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
    /// How many times the Overview page was laid out from scratch, and how many times only its values changed.
    int rebuildCount() const { return m_rebuilds; }
    int valueUpdateCount() const { return m_valueUpdates; }
    /// A host's tunnels shown in detail; "Show more" adds OverviewDocument::TunnelPage.
    int tunnelLimit() const { return m_tunnelLimit; }
    void showMoreTunnels();

public Q_SLOTS:
    void showElement(const DiagramElement& element);

Q_SIGNALS:
    void elementChanged(const DiagramElement& element);

private:
    void refresh();
    void rebuild(const OverviewDocument::Document& document);
    /// Replaces the changed value cells in place; false when the page does not have the tables it should.
    bool updateValues(const OverviewDocument::Document& document);
    void onLink(const QUrl& url);

    NetworkState* m_network;
    const DiagramPalette* m_palette;
    DiagramElement m_element;
    QLabel* m_title;
    QLabel* m_subtitle;
    QTabWidget* m_tabs;
    QTextBrowser* m_overview;
    OverviewDocument::Document m_shown;
    std::optional<QString> m_shownLayout; ///< empty until a page is laid out
    QList<QTextTable*> m_tables; ///< the page's tables, one per section with rows, in order
    int m_tunnelLimit = OverviewDocument::TunnelPage;
    int m_rebuilds = 0;
    int m_valueUpdates = 0;
};
