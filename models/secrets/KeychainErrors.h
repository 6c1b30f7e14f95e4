// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretResult.h"

#include <qt6keychain/keychain.h>

/**
 * Turns a failed QtKeychain job into a result the user can act on. QtKeychain reports most Secret Service
 * trouble as OtherError with libsecret's or the bus's message, so the message decides between "no keychain at
 * all", "locked" and a plain error; `sessionBusConnected` keeps "no session bus" recognisable when the
 * message is translated.
 */
SecretResult classifyKeychainError(SecretOperation operation, const SecretKey& key, QKeychain::Error error,
                                   const QString& errorString, bool sessionBusConnected);
