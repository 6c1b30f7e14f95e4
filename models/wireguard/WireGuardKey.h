// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/SecureBytes.h"

#include <QString>
#include <QStringView>

#include <optional>

/**
 * A 32-byte WireGuard key: private (clamped like `wg genkey`), preshared (`wg genpsk`) or public.
 * The bytes live in SecureBytes whatever the kind, so a key can be handled without asking whether it is secret.
 * There is deliberately no QDebug operator: a key never reaches a log by accident.
 */
class WireGuardKey
{
public:
    static constexpr int Size = 32;
    static constexpr int Base64Length = 44;

    WireGuardKey() = default; ///< a null key

    static WireGuardKey generatePrivate();
    static WireGuardKey generatePreshared();
    /// Strict decoding, exactly as wg(8)'s key_from_base64: 44 characters, '=' last, canonical, 32 bytes.
    /// Surrounding whitespace (a trailing newline from a file or pipe) is accepted like `wg pubkey` does.
    static std::optional<WireGuardKey> fromBase64(QStringView text, QString* error = nullptr);
    /// Empty when text is a valid key, else why not ("is 43 characters long; a key has 44").
    static QString decodeError(QStringView text);

    bool isNull() const { return m_bytes.isEmpty(); }
    /// X25519(this, 9): the public key of this private key, byte-identical to `wg pubkey`.
    WireGuardKey publicKey() const;
    /// Standard base64 with padding. For a secret key the caller owns the text: wipe it with SecureBytes::wipe.
    QString toBase64() const;
    WireGuardKey clone() const;

    const SecureBytes& bytes() const { return m_bytes; }
    /// Constant time.
    friend bool operator==(const WireGuardKey& a, const WireGuardKey& b) { return a.m_bytes == b.m_bytes; }

private:
    explicit WireGuardKey(SecureBytes bytes)
        : m_bytes(std::move(bytes))
    {
    }
    static WireGuardKey random();

    SecureBytes m_bytes;
};
