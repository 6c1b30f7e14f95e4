// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretReply.h"

#include <QObject>

/**
 * Where Tunnelscope keeps passwords, tokens and WireGuard keys: the system keychain (KeychainSecretStore), or an
 * in-memory fake in tests. Never a plain-text file: when no keychain answers, calls fail with NoKeychain.
 *
 * Every call returns a SecretReply owned by the store; connect to its finished signal. Calls are answered in the
 * order they were made.
 */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~SecretStore() override = default;

    SecretReply* read(const SecretKey& key);
    /// Stores `secret` (any bytes, NUL included), replacing what the key held. The store wipes its copy after use;
    /// pass the secret with std::move when the caller does not need it any more.
    SecretReply* write(const SecretKey& key, QByteArray secret);
    /// Removes the entry; removing an entry that does not exist is not an error.
    SecretReply* remove(const SecretKey& key);
    /// Answers Ok when a keychain is there to store secrets, otherwise NoKeychain or AccessDenied with the reason.
    /// It only reads, so it never prompts: a locked keyring counts as there, and the first write will say
    /// AccessDenied if it stays locked.
    SecretReply* checkAvailability();

protected:
    /// Carries out a call whose key is valid; the implementation finishes `reply` exactly once.
    virtual void perform(SecretReply* reply, QByteArray secret) = 0;

private:
    SecretReply* submit(SecretOperation operation, const SecretKey& key, QByteArray secret);
};
