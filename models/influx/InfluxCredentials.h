// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

/**
 * The user and secret (password or token) for one InfluxDB, handed in by whoever looked them up (the keychain,
 * the environment). Every copy is a deep copy and wipes its bytes when it dies, so no buffer outlives its holder.
 */
struct InfluxCredentials
{
    QByteArray user;
    QByteArray secret;

    InfluxCredentials() = default;
    InfluxCredentials(QByteArray userName, QByteArray secretBytes);
    InfluxCredentials(const InfluxCredentials& other);
    InfluxCredentials& operator=(const InfluxCredentials& other);
    InfluxCredentials(InfluxCredentials&& other) noexcept;
    InfluxCredentials& operator=(InfluxCredentials&& other) noexcept;
    ~InfluxCredentials();

    bool isEmpty() const { return user.isEmpty() && secret.isEmpty(); }
    /// Overwrites both buffers with zeros and empties them.
    void wipe();

    /// Zeroes a buffer in place (detaching first, so only this copy's bytes are touched) and clears it.
    static void wipeBytes(QByteArray& bytes);
};
