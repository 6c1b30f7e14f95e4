// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorBundle.h"
#include "collector/CollectorOnboarding.h"
#include "collector/CollectorPlan.h"
#include "topology/Topology.h"
#include "wireguard/WireGuardKey.h"

#include <QDateTime>
#include <QObject>

#include <functional>

class Clock;
class NetworkState;
class SecretStore;
class UserPrompts;

/** What the wizards need from the application: injected, so tests give fakes. */
struct PeerWizardServices
{
    NetworkState* network = nullptr;
    SecretStore* secrets = nullptr; ///< null: no keychain at all
    const Clock* clock = nullptr;
    UserPrompts* prompts = nullptr;
    /// Makes the topology the open document and saves it; returns an error, empty on success.
    std::function<QString(const Topology&)> commitTopology;
};

/**
 * The shared state of one onboarding or rotation wizard: every page reads and writes here instead of through
 * QWizard fields. Holds the generated keys (wiped when the wizard goes away) and the bundle made from them.
 */
class PeerWizardState final : public QObject
{
    Q_OBJECT

public:
    enum class Mode { NewPeer, Rotation };

    PeerWizardState(Mode mode, PeerWizardServices services, const Topology& topology, QObject* parent = nullptr);

    Mode mode() const { return m_mode; }
    const PeerWizardServices& services() const { return m_services; }
    const Topology& topology() const { return m_topology; }

    CollectorPlan plan;

    /// The host the keys belong to: the new host's id, or the rotated one's.
    QString hostId() const;
    /// The hub's [Peer] entry for the host (the keychain entry of the preshared key).
    QString hubPeerId() const;
    /// The host's interface (the keychain entry of the private key).
    QString interfaceId() const;

    /// New peer: makes the key pair and preshared key the first time only, so Back and Next keep them.
    void generateKeysOnce();
    /// Rotation: the models' rotation (keys, bundle, topology change) for this host.
    QString rotate(const QString& hostId);
    bool keysGenerated() const { return !m_privateKey.isNull(); }
    QString publicKey() const;
    const WireGuardKey& privateKey() const { return m_privateKey; }
    const WireGuardKey* presharedKey() const { return m_psk.isNull() || !plan.presharedKey ? nullptr : &m_psk; }

    /// New peer: the bundle for the current plan (rebuilt on each call, as the plan may have changed).
    void rebuildBundle();
    CollectorBundle& bundle() { return m_bundle; }
    const CollectorBundle& bundle() const { return m_bundle; }
    /// The topology with the new host (or the rotated key) in it.
    TopologyChange topologyChange() const;

    QString oldPublicKey() const { return m_oldPublicKey; }
    QDateTime oldKeyCreated() const { return m_oldKeyCreated; }

    void setExported(const QString& folder);
    bool isExported() const { return !m_exportedTo.isEmpty(); }
    QString exportedTo() const { return m_exportedTo; }
    /// Keys exist that no file holds yet: cancelling would lose them (and that is worth a question).
    bool hasUnexportedKeys() const { return keysGenerated() && !isExported(); }

Q_SIGNALS:
    void exported();

private:
    Mode m_mode;
    PeerWizardServices m_services;
    Topology m_topology;
    WireGuardKey m_privateKey;
    WireGuardKey m_psk;
    CollectorBundle m_bundle;
    QString m_rotatedHostId;
    QString m_rotatedInterfaceId;
    QString m_rotatedHubPeerId;
    QString m_oldPublicKey;
    QDateTime m_oldKeyCreated;
    TopologyChange m_rotationChange;
    QString m_exportedTo;
};
