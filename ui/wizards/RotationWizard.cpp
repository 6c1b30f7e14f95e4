// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/RotationWizard.h"

#include "wizards/ExportPage.h"
#include "wizards/ReviewPage.h"
#include "wizards/RotationKeysPage.h"
#include "wizards/UserPrompts.h"
#include "wizards/VerifyPage.h"
#include "wizards/WizardLook.h"

RotationWizard::RotationWizard(const Topology& topology, const QString& hostId, PeerWizardServices services, QWidget* parent)
    : QWizard(parent)
    , m_state(new PeerWizardState(PeerWizardState::Mode::Rotation, std::move(services), topology, this))
    , m_keys(new RotationKeysPage(m_state, hostId, this))
    , m_review(new ReviewPage(m_state, this))
    , m_export(new ExportPage(m_state, this))
    , m_verify(new VerifyPage(m_state, this))
{
    setWindowTitle(tr("Rotate keys"));
    setPage(Keys, m_keys);
    setPage(Review, m_review);
    setPage(Export, m_export);
    setPage(Verify, m_verify);
    WizardLook::apply(this);
}

void RotationWizard::reject()
{
    if (m_state->hasUnexportedKeys()
        && !m_state->services().prompts->confirm(this, tr("Discard the new keys?"),
            tr("New keys for %1 were generated but not exported. Closing drops them; the old key stays in use.")
                .arg(m_state->plan.hostName)))
        return;
    QWizard::reject();
}
