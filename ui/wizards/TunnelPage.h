// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class PeerWizardState;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/**
 * Onboarding step 2: the tunnel. The address is proposed by the allocator and checked live with its reason;
 * the server's key is checked as strictly as wg(8) reads it; AllowedIPs overlaps with other peers are refused.
 */
class TunnelPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit TunnelPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    /// Back keeps what was typed: the entries go to the state unchecked, and come back from it.
    void cleanupPage() override { validatePage(); }

    QLineEdit* addressEdit() const { return m_address; }
    QLabel* addressProblem() const { return m_addressProblem; }
    QLineEdit* serverKeyEdit() const { return m_serverKey; }

private:
    QString addressProblemText() const;
    QString endpointProblemText() const;
    QString serverKeyProblemText() const;
    QString allowedIpsProblemText() const;
    QStringList allowedIps() const;
    void refresh();

    PeerWizardState* m_state;
    QLineEdit* m_address;
    QLabel* m_addressProblem;
    QLineEdit* m_endpoint;
    QLabel* m_endpointProblem;
    QLineEdit* m_serverKey;
    QLabel* m_serverKeyProblem;
    QCheckBox* m_psk;
    QSpinBox* m_keepalive;
    QLineEdit* m_allowedIps;
    QLabel* m_allowedIpsProblem;
};
