// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class PeerWizardState;
class QComboBox;
class QLabel;
class QLineEdit;

/** Onboarding step 1: the new host's name, FQDN, role and segment. */
class HostPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit HostPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    /// Back keeps what was typed: the entries go to the state unchecked, and come back from it.
    void cleanupPage() override { validatePage(); }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* fqdnEdit() const { return m_fqdn; }

private:
    QString problem() const;
    void showProblem();

    PeerWizardState* m_state;
    QLineEdit* m_name;
    QLineEdit* m_fqdn;
    QComboBox* m_role;
    QComboBox* m_segment;
    QLabel* m_problem;
};
