// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wizards/PeerWizardState.h"

#include <QWizard>

class CollectorsPage;
class ExportPage;
class FirewallPage;
class HostPage;
class ReviewPage;
class TunnelPage;
class VerifyPage;

/**
 * "Add collector…": the user's procedure for a new collector host as a guided flow: host, tunnel, collectors,
 * firewall, review, export, verify. Uses the same models code as `tunnelscope-cli peer add`.
 */
class OnboardingWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { Host, Tunnel, Collectors, Firewall, Review, Export, Verify };

    OnboardingWizard(const Topology& topology, PeerWizardServices services, QWidget* parent = nullptr);

    PeerWizardState* state() const { return m_state; }
    HostPage* hostPage() const { return m_host; }
    TunnelPage* tunnelPage() const { return m_tunnel; }
    ReviewPage* reviewPage() const { return m_review; }
    ExportPage* exportPage() const { return m_export; }
    VerifyPage* verifyPage() const { return m_verify; }

    /// Asks before dropping keys that no file holds yet.
    void reject() override;

private:
    PeerWizardState* m_state;
    HostPage* m_host;
    TunnelPage* m_tunnel;
    CollectorsPage* m_collectors;
    FirewallPage* m_firewall;
    ReviewPage* m_review;
    ExportPage* m_export;
    VerifyPage* m_verify;
};
