// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class FetchedKeys;
class PeerKeychain;
class QWidget;
class SecretStore;
class UserPrompts;

/**
 * "Export configs…" of one peer or all of them: each into <folder>/<host>, with the code of
 * `tunnelscope-cli peer export` (PeerExport) and the keys the keychain holds. Peers without a private key get
 * their server-side files only, and are listed with the reason. Asks once before replacing earlier exports.
 */
class PeerExportRunner final : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        QStringList exported;            ///< host names with every file
        QStringList withoutClientConfig; ///< "host: cannot export the client config: reason"
        QStringList failed;              ///< "host: error"
        bool cancelled = false;

        QString summary() const;
    };

    PeerExportRunner(SecretStore* secrets, UserPrompts* prompts, QWidget* window, QObject* parent = nullptr);

    /// Starts; ends with finished(). hostIds empty means every peer of the hub.
    void run(const Topology& topology, const QStringList& hostIds, const QString& folder);

    /// The words for a peer learnt from the server's config.
    static QString importedPeerLine(const QString& hostName);

Q_SIGNALS:
    void finished(const PeerExportRunner::Outcome& outcome);

private:
    void exportAll(std::shared_ptr<FetchedKeys> keys);

    SecretStore* m_secrets;
    UserPrompts* m_prompts;
    QPointer<QWidget> m_window;
    PeerKeychain* m_keychain;
    Topology m_topology;
    QStringList m_hostIds;
    QString m_folder;
    bool m_allPeers = false;
};

Q_DECLARE_METATYPE(PeerExportRunner::Outcome)
