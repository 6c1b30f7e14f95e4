// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/PrivateKeyProvider.h"
#include "wireguard/WireGuardKey.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

class SecretStore;
struct SecretResult;

/** Keys read from the keychain beforehand, served synchronously to the export code. */
class FetchedKeys final : public PrivateKeyProvider
{
public:
    std::optional<WireGuardKey> privateKey(const QString& interfaceId) override;
    std::optional<WireGuardKey> presharedKey(const QString& peerId) override;
    QString unavailableReason() const override;

    void setPrivateKey(const QString& interfaceId, WireGuardKey key);
    void setPresharedKey(const QString& peerId, WireGuardKey key);
    void setUnavailableReason(const QString& reason) { m_reason = reason; }

private:
    std::map<QString, WireGuardKey> m_private;
    std::map<QString, WireGuardKey> m_preshared;
    QString m_reason = QStringLiteral("it is not stored in the keychain");
};

/**
 * The WireGuard keys of peers in the SecretStore: one entry per interface (private key) and per hub peer entry
 * (preshared key), named by SecretKey. Asynchronous like the store, so the GUI never waits on a locked keyring.
 * Only used when the user chose to keep keys; there is never a plain-text fallback.
 */
class PeerKeychain final : public QObject
{
    Q_OBJECT

public:
    explicit PeerKeychain(SecretStore* store, QObject* parent = nullptr);

    /// Checks that a keychain answers, then stores the keys. psk may be null. Ends with stored().
    void store(const QString& interfaceId, const WireGuardKey& privateKey, const QString& hubPeerId,
        const WireGuardKey* psk);
    /// Reads what the keychain holds for these entries (missing ones are simply absent). Ends with fetched().
    void fetch(const QStringList& interfaceIds, const QStringList& hubPeerIds);

Q_SIGNALS:
    /// ok false: nothing (or not everything) was stored; message says why in the user's words.
    void stored(bool ok, const QString& message);
    void fetched(std::shared_ptr<FetchedKeys> keys);

private:
    void storeNext();
    void continueStoring(const SecretResult& previous);
    void storeFailed(const QString& message);
    void fetchNext();

    QPointer<SecretStore> m_store;
    struct Entry
    {
        QString id;
        bool preshared = false;
        QByteArray secret; ///< base64 text of the key, only for writes; wiped when written
    };
    QList<Entry> m_pending;
    std::shared_ptr<FetchedKeys> m_fetched;
};
