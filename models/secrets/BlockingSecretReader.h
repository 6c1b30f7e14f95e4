// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <chrono>

/**
 * Waits for one SecretStore call in a local event loop, for the command line only: tunnelscope-cli has no
 * window to keep alive and needs the secret before it can poll. NEVER use this on the GUI thread: a nested
 * event loop there re-enters the UI and a locked keyring would freeze the window until the timeout.
 */
class BlockingSecretReader
{
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{30'000};

    explicit BlockingSecretReader(SecretStore& store, std::chrono::milliseconds timeout = DefaultTimeout);

    SecretResult read(const SecretKey& key);
    SecretResult write(const SecretKey& key, QByteArray secret);
    SecretResult remove(const SecretKey& key);
    SecretResult checkAvailability();

private:
    SecretResult wait(SecretReply* reply);

    SecretStore& m_store;
    std::chrono::milliseconds m_timeout;
};
