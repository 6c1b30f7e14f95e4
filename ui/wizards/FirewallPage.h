// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class CopyableCode;
class PeerWizardState;

/** Onboarding step 4: the firewall rules for both ends, as UFW commands and as nftables snippets. */
class FirewallPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit FirewallPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;

private:
    PeerWizardState* m_state;
    CopyableCode* m_clientUfw;
    CopyableCode* m_clientNft;
    CopyableCode* m_serverUfw;
    CopyableCode* m_serverNft;
};
