// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

/*
 * Secrets held in a QByteArray (passwords, tokens, WireGuard keys on their way to or from the keychain).
 * QByteArray shares its buffer between copies and copies it on write, so the obvious
 * `sodium_memzero(bytes.data(), bytes.size())` would detach first and zero a fresh copy, leaving the original
 * bytes in memory. These functions never detach.
 */

/// Zeroes the buffer in place (every copy sharing it sees zeros), then empties `bytes`. Use it only when no
/// other holder still needs the bytes, e.g. a job's copy after the job finished.
void wipeSecret(QByteArray& bytes);

/// Gives up this holder's share of a secret: zeroes the buffer when this was the last holder, otherwise only
/// releases it, because another holder (a receiver that kept a copy) now owns the bytes and must wipe them.
void releaseSecret(QByteArray& bytes);

/// `bytes` itself when nobody else shares its buffer, otherwise a deep copy: either way a buffer that only the
/// caller holds, which it may later wipe with wipeSecret() without zeroing anybody else's copy.
QByteArray exclusiveSecret(QByteArray bytes);
