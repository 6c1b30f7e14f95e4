// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/PeerWizardState.h"

#include "collector/PeerRotation.h"
#include "core/Clock.h"

PeerWizardState::PeerWizardState(Mode mode, PeerWizardServices services, const Topology& topology, QObject* parent)
    : QObject(parent)
    , m_mode(mode)
    , m_services(std::move(services))
    , m_topology(topology)
{
    if (mode == Mode::NewPeer)
        plan = CollectorOnboarding::planForNewHost(topology, QString()).plan;
}

QString PeerWizardState::hostId() const
{
    return m_mode == Mode::Rotation ? m_rotatedHostId : CollectorOnboarding::hostIdFor(plan.hostName);
}

QString PeerWizardState::hubPeerId() const
{
    if (m_mode == Mode::Rotation)
        return m_rotatedHubPeerId;
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(m_topology);
    // The id CollectorOnboarding::addCollector gives the hub's entry.
    return hub ? hub->hostId + QLatin1Char('-') + hostId() : QString();
}

QString PeerWizardState::interfaceId() const
{
    return m_mode == Mode::Rotation ? m_rotatedInterfaceId : hostId() + QLatin1Char('-') + plan.interfaceName;
}

void PeerWizardState::generateKeysOnce()
{
    if (keysGenerated())
        return;
    m_privateKey = WireGuardKey::generatePrivate();
    m_psk = WireGuardKey::generatePreshared();
}

QString PeerWizardState::rotate(const QString& hostId)
{
    PeerRotation rotation = PeerRotation::rotate(m_topology, hostId, m_services.clock->now());
    if (!rotation.ok())
        return rotation.error;
    plan = rotation.plan;
    m_rotatedHostId = rotation.hostId;
    m_rotatedInterfaceId = rotation.interfaceId;
    m_rotatedHubPeerId = rotation.hubPeerId;
    m_oldPublicKey = rotation.oldPublicKey;
    m_oldKeyCreated = rotation.oldKeyCreated;
    m_privateKey = std::move(rotation.privateKey);
    m_psk = std::move(rotation.presharedKey);
    m_bundle = std::move(rotation.bundle);
    m_rotationChange = rotation.change;
    return {};
}

QString PeerWizardState::publicKey() const
{
    return keysGenerated() ? m_privateKey.publicKey().toBase64() : QString();
}

void PeerWizardState::rebuildBundle()
{
    if (m_mode != Mode::NewPeer)
        return;
    generateKeysOnce();
    m_bundle = CollectorBundle::forNewPeer(plan, m_privateKey, plan.presharedKey ? &m_psk : nullptr);
}

TopologyChange PeerWizardState::topologyChange() const
{
    if (m_mode == Mode::Rotation)
        return m_rotationChange;
    return CollectorOnboarding::addCollector(m_topology, plan, publicKey(), m_services.clock->now());
}

void PeerWizardState::setExported(const QString& folder)
{
    m_exportedTo = folder;
    Q_EMIT exported();
}
