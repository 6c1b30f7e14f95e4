// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/WireGuardKey.h"

#include <QString>

#include <optional>

/**
 * Where exports get the secrets the topology never holds: a client's private key and a peer's preshared key.
 * The keychain (models/secrets/) implements it; without one, NoPrivateKeyProvider says "not available" and the
 * export leaves out what needs a secret.
 */
class PrivateKeyProvider
{
public:
    virtual ~PrivateKeyProvider() = default;
    /// The private key of a WireGuard interface (WireGuardInterface::id).
    virtual std::optional<WireGuardKey> privateKey(const QString& interfaceId) = 0;
    /// The preshared key of a peer entry (WireGuardPeer::id of the server-side entry).
    virtual std::optional<WireGuardKey> presharedKey(const QString& peerId) = 0;
    /// Why a key is missing, for the message to the user ("no keychain is running", "not stored").
    virtual QString unavailableReason() const = 0;
};

class NoPrivateKeyProvider final : public PrivateKeyProvider
{
public:
    std::optional<WireGuardKey> privateKey(const QString&) override { return std::nullopt; }
    std::optional<WireGuardKey> presharedKey(const QString&) override { return std::nullopt; }
    QString unavailableReason() const override
    {
        return QStringLiteral("private and preshared keys are not stored in the topology and no keychain is connected");
    }
};
