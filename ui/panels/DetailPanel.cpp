// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/DetailPanel.h"

#include "telemetry/NetworkState.h"

#include <QLabel>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>
#include <QVBoxLayout>

DetailPanel::DetailPanel(NetworkState* network, const DiagramPalette* palette, QWidget* parent)
    : QWidget(parent)
    , m_network(network)
    , m_palette(palette)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new QTextBrowser(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_overview->setFrameShape(QFrame::NoFrame);
    m_overview->setOpenLinks(false);
    m_overview->setUndoRedoEnabled(false); // cells replaced on every poll must not pile up as undo steps
    connect(m_overview, &QTextBrowser::anchorClicked, this, &DetailPanel::onLink);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(6);
    layout->addWidget(m_tabs, 1);

    // A new topology emits stateChanged too: one refresh for it, not two.
    connect(m_network, &NetworkState::stateChanged, this, &DetailPanel::refresh);
    refresh();
}

int DetailPanel::addTab(QWidget* page, const QString& title)
{
    return m_tabs->addTab(page, title);
}

QString DetailPanel::title() const
{
    return m_title->text();
}

QString DetailPanel::overviewText() const
{
    return m_title->text() + QLatin1Char('\n') + m_subtitle->text() + QLatin1Char('\n') + m_overview->toPlainText();
}

void DetailPanel::showElement(const DiagramElement& element)
{
    if (element == m_element)
        return;
    m_element = element;
    m_tunnelLimit = OverviewDocument::TunnelPage;
    m_shownLayout.reset(); // another element: a new page, read from the top
    refresh();
    m_overview->verticalScrollBar()->setValue(0);
    Q_EMIT elementChanged(m_element);
}

void DetailPanel::showMoreTunnels()
{
    m_tunnelLimit += OverviewDocument::TunnelPage;
    refresh();
}

void DetailPanel::onLink(const QUrl& url)
{
    if (url.toString() == OverviewDocument::MoreTunnelsLink)
        showMoreTunnels();
}

void DetailPanel::refresh()
{
    const OverviewDocument::Document document = OverviewDocument::build(m_element, *m_network, *m_palette, m_tunnelLimit);
    m_title->setText(document.title);
    m_subtitle->setText(document.subtitle);
    const QString layout = document.layoutKey();
    if (layout == m_shownLayout && updateValues(document)) {
        ++m_valueUpdates;
    } else {
        rebuild(document);
        m_shownLayout = layout;
    }
    m_shown = document;
}

void DetailPanel::rebuild(const OverviewDocument::Document& document)
{
    ++m_rebuilds;
    // Keep the reader's place when the page is laid out again.
    const int scroll = m_overview->verticalScrollBar()->value();
    m_overview->setHtml(document.html());
    m_overview->verticalScrollBar()->setValue(scroll);
    m_tables.clear();
    for (QTextFrame* frame : m_overview->document()->rootFrame()->childFrames()) {
        if (auto* table = qobject_cast<QTextTable*>(frame))
            m_tables.append(table);
    }
}

bool DetailPanel::updateValues(const OverviewDocument::Document& document)
{
    QList<QTextTable*> tableOfSection;
    qsizetype next = 0;
    for (const OverviewDocument::Section& section : document.sections) {
        if (section.rows.isEmpty()) {
            tableOfSection.append(nullptr);
            continue;
        }
        if (next >= m_tables.size() || m_tables.at(next)->rows() != section.rows.size())
            return false;
        tableOfSection.append(m_tables.at(next++));
    }
    if (next != m_tables.size())
        return false;
    QTextCursor cursor(m_overview->document());
    cursor.beginEditBlock(); // one layout pass for all the cells
    for (qsizetype s = 0; s < document.sections.size(); ++s) {
        const QList<OverviewDocument::Row>& rows = document.sections.at(s).rows;
        const QList<OverviewDocument::Row>& shown = m_shown.sections.at(s).rows;
        for (qsizetype r = 0; r < rows.size(); ++r) {
            if (rows.at(r).valueHtml == shown.at(r).valueHtml)
                continue;
            const QTextTableCell cell = tableOfSection.at(s)->cellAt(static_cast<int>(r), 1);
            cursor.setPosition(cell.firstCursorPosition().position());
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
            cursor.insertHtml(rows.at(r).valueHtml);
        }
    }
    cursor.endEditBlock();
    return true;
}
