// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/FirewallPage.h"

#include "collector/CollectorConfigs.h"
#include "wizards/CopyableCode.h"
#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QTabWidget>
#include <QVBoxLayout>

FirewallPage::FirewallPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_clientUfw(new CopyableCode(this))
    , m_clientNft(new CopyableCode(this))
    , m_serverUfw(new CopyableCode(this))
    , m_serverNft(new CopyableCode(this))
{
    setTitle(tr("The firewall"));
    setSubTitle(tr("UDP to the WireGuard port leaves the collector; the monitoring ports are reachable only through "
                   "the tunnel. The export writes these files too."));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(m_clientUfw, tr("Collector: UFW"));
    tabs->addTab(m_clientNft, tr("Collector: nftables"));
    tabs->addTab(m_serverUfw, tr("Server: UFW"));
    tabs->addTab(m_serverNft, tr("Server: nftables"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
}

void FirewallPage::initializePage()
{
    const CollectorPlan& plan = m_state->plan;
    m_clientUfw->setText(CollectorConfigs::clientFirewallUfw(plan), false);
    m_clientNft->setText(CollectorConfigs::clientFirewallNft(plan), false);
    m_serverUfw->setText(CollectorConfigs::serverFirewallUfw(plan), false);
    m_serverNft->setText(CollectorConfigs::serverFirewallNft(plan), false);
}
