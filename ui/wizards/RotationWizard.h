// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wizards/PeerWizardState.h"

#include <QWizard>

class ExportPage;
class ReviewPage;
class RotationKeysPage;
class VerifyPage;

/** "Rotate keys…" for an existing peer, with the models' rotation (as `tunnelscope-cli peer rotate`). */
class RotationWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { Keys, Review, Export, Verify };

    RotationWizard(const Topology& topology, const QString& hostId, PeerWizardServices services, QWidget* parent = nullptr);

    PeerWizardState* state() const { return m_state; }
    RotationKeysPage* keysPage() const { return m_keys; }
    ReviewPage* reviewPage() const { return m_review; }
    ExportPage* exportPage() const { return m_export; }
    VerifyPage* verifyPage() const { return m_verify; }

    void reject() override;

private:
    PeerWizardState* m_state;
    RotationKeysPage* m_keys;
    ReviewPage* m_review;
    ExportPage* m_export;
    VerifyPage* m_verify;
};
