// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/RotationKeysPage.h"

#include "collector/PeerRotation.h"
#include "core/Clock.h"
#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QDateTime>
#include <QLabel>
#include <QVBoxLayout>

RotationKeysPage::RotationKeysPage(PeerWizardState* state, const QString& hostId, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_hostId(hostId)
    , m_summary(new QLabel(this))
    , m_keyAge(new QLabel(this))
    , m_problem(WizardWidgets::problemLabel(this))
{
    setTitle(tr("Rotate keys"));
    setSubTitle(tr("A new key pair and preshared key, switched in an order that keeps the tunnel up."));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyAge->setObjectName(QStringLiteral("keyAge"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_keyAge);
    layout->addWidget(m_problem);
    layout->addWidget(WizardWidgets::hintLabel(
        tr("The order: 1. on the server, the script adds the new key as a second peer, the old one keeps the "
           "traffic; 2. on the collector, the new wg0.conf is installed and wg-quick restarted; 3. on seeing the "
           "new key's handshake the script moves the address to it and removes the old key."),
        this));
    layout->addStretch();
}

QString RotationKeysPage::keyAgeText(const QDateTime& created, const QDateTime& now)
{
    if (!created.isValid())
        return tr("key age: unknown (created before Tunnelscope tracked it)");
    return tr("key age: %1 d").arg(created.daysTo(now));
}

void RotationKeysPage::initializePage()
{
    const PeerRotation current = PeerRotation::prepare(m_state->topology(), m_hostId);
    m_error = current.error;
    WizardWidgets::setProblem(m_problem, m_error);
    if (!current.ok())
        return;
    m_summary->setText(tr("Peer %1 (%2) of %3.\nCurrent public key: %4")
                           .arg(current.hostName, current.plan.tunnelAddress, current.plan.serverName, current.oldPublicKey));
    m_keyAge->setText(keyAgeText(current.oldKeyCreated, m_state->services().clock->now()));
}

bool RotationKeysPage::isComplete() const
{
    return m_error.isEmpty();
}

bool RotationKeysPage::validatePage()
{
    if (m_state->keysGenerated())
        return true; // Back and Next again keep the keys already made
    m_error = m_state->rotate(m_hostId);
    WizardWidgets::setProblem(m_problem, m_error);
    return m_error.isEmpty();
}
