// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

/**
 * The name of one keychain entry, e.g. `influx/<dataSourceId>/token`. Built only through the named factories so
 * that no caller formats entry names by hand and every entry of Tunnelscope lives under one service name.
 * An id that would make an ambiguous name (empty, containing '/', whitespace or control characters) gives an
 * invalid key; the store refuses invalid keys with an error result.
 */
class SecretKey
{
public:
    /// The keychain service every entry is stored under: the application id.
    static QString service();

    static SecretKey influxPassword(const QString& dataSourceId);
    static SecretKey influxToken(const QString& dataSourceId);
    static SecretKey lokiPassword(const QString& dataSourceId);
    static SecretKey wireguardPrivateKey(const QString& interfaceOrPeerId);
    static SecretKey wireguardPresharedKey(const QString& peerId);
    /// An entry that is never written: reading it tells whether a keychain answers at all.
    static SecretKey availabilityProbe();

    /// The inverse of name(), for names typed on the command line; nullopt for anything not built by a factory.
    static std::optional<SecretKey> fromName(const QString& name);

    SecretKey() = default;

    QString name() const { return m_name; }
    bool isValid() const { return m_problem.isEmpty(); }
    /// Why the key is invalid, in words; empty for a valid key.
    QString problem() const { return m_problem; }

    friend bool operator==(const SecretKey&, const SecretKey&) = default;

private:
    SecretKey(const QString& area, const QString& ownerId, const QString& item);

    QString m_name;
    QString m_problem = QStringLiteral("no secret key was given");
};
