// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/** One line of a ServerImportPlan: what importing the server's config does to one peer or to the hub. */
struct ServerImportChange
{
    enum class Kind {
        HubKeyAdopted,   ///< the hub's key was a placeholder (or --replace-hub-key): it becomes the server's
        HubChanged,      ///< the hub's addresses or listen port differ; the server wins
        Added,           ///< a [Peer] the topology lacked: a new peer and host
        Changed,         ///< a known peer whose AllowedIPs, keepalive, endpoint or preshared key changed
        KeyChanged,      ///< a known peer (matched by name or tunnel address) with a new public key
        RemovedOnServer, ///< a peer of the hub that the server's config no longer has
    };

    Kind kind = Kind::Added;
    QString id;          ///< the peer's id in the topology after the import (the hub interface's id for Hub*)
    QString name;        ///< the peer's name, a label (see HostLabel)
    QString displayName; ///< the free text of its "# Name =" comment when it was not a label already
    QString publicKey;   ///< the key after the import
    QString previousKey; ///< KeyChanged, HubKeyAdopted: the key before
    QString matchedBy;   ///< Changed, KeyChanged: "public key", "name" or "tunnel address"
    QStringList details; ///< what changed, e.g. "AllowedIPs 10.10.0.2/32 -> 10.10.0.2/32, fd00::2/128"
    bool placeholder = false; ///< the topology's entry had a placeholder key (the reference deployment's)
    bool dropped = false;     ///< RemovedOnServer: taken out of the topology by the import (placeholders, prune)

    static QString kindName(Kind kind); ///< "added", "changed", "key changed", "removed on server", ...
    /// One line for the CLI and the GUI: `added "bobs-phone" (Bob's phone) 10.10.0.5/32`.
    QString text() const;

    friend bool operator==(const ServerImportChange&, const ServerImportChange&) = default;
};
