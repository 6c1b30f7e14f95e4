// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/DetailPanel.h"

#include "panels/OverviewDocument.h"
#include "telemetry/NetworkState.h"

#include <QLabel>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>
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
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(6);
    layout->addWidget(m_tabs, 1);

    connect(m_network, &NetworkState::stateChanged, this, &DetailPanel::refresh);
    connect(m_network, &NetworkState::topologyChanged, this, &DetailPanel::refresh);
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
    refresh();
    m_overview->verticalScrollBar()->setValue(0);
    Q_EMIT elementChanged(m_element);
}

void DetailPanel::refresh()
{
    const OverviewDocument::Document document = OverviewDocument::build(m_element, *m_network, *m_palette);
    m_title->setText(document.title);
    m_subtitle->setText(document.subtitle);
    // Keep the reader's place when the numbers refresh every few seconds.
    const int scroll = m_overview->verticalScrollBar()->value();
    m_overview->setHtml(document.html);
    m_overview->verticalScrollBar()->setValue(scroll);
}
