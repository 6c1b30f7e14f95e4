// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/OnboardingWizard.h"

#include "wizards/CollectorsPage.h"
#include "wizards/ExportPage.h"
#include "wizards/FirewallPage.h"
#include "wizards/HostPage.h"
#include "wizards/ReviewPage.h"
#include "wizards/TunnelPage.h"
#include "wizards/UserPrompts.h"
#include "wizards/VerifyPage.h"
#include "wizards/WizardLook.h"

OnboardingWizard::OnboardingWizard(const Topology& topology, PeerWizardServices services, QWidget* parent)
    : QWizard(parent)
    , m_state(new PeerWizardState(PeerWizardState::Mode::NewPeer, std::move(services), topology, this))
    , m_host(new HostPage(m_state, this))
    , m_tunnel(new TunnelPage(m_state, this))
    , m_collectors(new CollectorsPage(m_state, this))
    , m_firewall(new FirewallPage(m_state, this))
    , m_review(new ReviewPage(m_state, this))
    , m_export(new ExportPage(m_state, this))
    , m_verify(new VerifyPage(m_state, this))
{
    setWindowTitle(tr("Add a collector"));
    setPage(Host, m_host);
    setPage(Tunnel, m_tunnel);
    setPage(Collectors, m_collectors);
    setPage(Firewall, m_firewall);
    setPage(Review, m_review);
    setPage(Export, m_export);
    setPage(Verify, m_verify);
    WizardLook::apply(this);
}

void OnboardingWizard::reject()
{
    if (m_state->hasUnexportedKeys()
        && !m_state->services().prompts->confirm(this, tr("Discard the new keys?"),
            tr("The keys and configs for %1 were generated but not exported. Closing drops them and nothing is "
               "added to the network.")
                .arg(m_state->plan.hostName)))
        return;
    QWizard::reject();
}
