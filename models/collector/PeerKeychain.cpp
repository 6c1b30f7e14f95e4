// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/PeerKeychain.h"

#include "secrets/SecretStore.h"
#include "secrets/SecretWipe.h"

namespace {

SecretKey keyOf(const QString& id, bool preshared)
{
    return preshared ? SecretKey::wireguardPresharedKey(id) : SecretKey::wireguardPrivateKey(id);
}

QByteArray base64Secret(const WireGuardKey& key)
{
    QString text = key.toBase64();
    QByteArray bytes = text.toLatin1();
    SecureBytes::wipe(text);
    return bytes;
}

} // namespace

std::optional<WireGuardKey> FetchedKeys::privateKey(const QString& interfaceId)
{
    const auto found = m_private.find(interfaceId);
    return found == m_private.end() ? std::nullopt : std::optional<WireGuardKey>(found->second.clone());
}

std::optional<WireGuardKey> FetchedKeys::presharedKey(const QString& peerId)
{
    const auto found = m_preshared.find(peerId);
    return found == m_preshared.end() ? std::nullopt : std::optional<WireGuardKey>(found->second.clone());
}

QString FetchedKeys::unavailableReason() const
{
    return m_reason;
}

void FetchedKeys::setPrivateKey(const QString& interfaceId, WireGuardKey key)
{
    m_private.insert_or_assign(interfaceId, std::move(key));
}

void FetchedKeys::setPresharedKey(const QString& peerId, WireGuardKey key)
{
    m_preshared.insert_or_assign(peerId, std::move(key));
}

PeerKeychain::PeerKeychain(SecretStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
}

void PeerKeychain::store(
    const QString& interfaceId, const WireGuardKey& privateKey, const QString& hubPeerId, const WireGuardKey* psk)
{
    m_pending = {{interfaceId, false, base64Secret(privateKey)}};
    if (psk && !psk->isNull())
        m_pending.append({hubPeerId, true, base64Secret(*psk)});
    if (!m_store) {
        storeFailed(SecretResult::noKeychainMessage(SecretOperation::Write));
        return;
    }
    connect(m_store->checkAvailability(), &SecretReply::finished, this, &PeerKeychain::continueStoring);
}

void PeerKeychain::continueStoring(const SecretResult& previous)
{
    if (previous.isOk())
        storeNext();
    else
        storeFailed(previous.message);
}

void PeerKeychain::storeFailed(const QString& message)
{
    for (auto& entry : m_pending)
        wipeSecret(entry.secret);
    m_pending.clear();
    Q_EMIT stored(false, message);
}

void PeerKeychain::storeNext()
{
    if (m_pending.isEmpty()) {
        Q_EMIT stored(true, tr("The keys are in the keychain."));
        return;
    }
    Entry entry = m_pending.takeFirst();
    SecretReply* reply = m_store->write(keyOf(entry.id, entry.preshared), std::move(entry.secret));
    connect(reply, &SecretReply::finished, this, &PeerKeychain::continueStoring);
}

void PeerKeychain::fetch(const QStringList& interfaceIds, const QStringList& hubPeerIds)
{
    m_fetched = std::make_shared<FetchedKeys>();
    m_pending.clear();
    for (const QString& id : interfaceIds) {
        if (!id.isEmpty())
            m_pending.append({id, false, {}});
    }
    for (const QString& id : hubPeerIds) {
        if (!id.isEmpty())
            m_pending.append({id, true, {}});
    }
    if (!m_store) {
        m_fetched->setUnavailableReason(SecretResult::noKeychainMessage(SecretOperation::Read));
        m_pending.clear();
    }
    fetchNext();
}

void PeerKeychain::fetchNext()
{
    if (m_pending.isEmpty()) {
        Q_EMIT fetched(std::move(m_fetched));
        return;
    }
    const Entry entry = m_pending.takeFirst();
    SecretReply* reply = m_store->read(keyOf(entry.id, entry.preshared));
    connect(reply, &SecretReply::finished, this, [this, entry](const SecretResult& result) {
        if (result.isOk()) {
            QByteArray secret = result.secret;
            QString text = QString::fromLatin1(secret);
            if (auto key = WireGuardKey::fromBase64(text)) {
                if (entry.preshared)
                    m_fetched->setPresharedKey(entry.id, std::move(*key));
                else
                    m_fetched->setPrivateKey(entry.id, std::move(*key));
            }
            SecureBytes::wipe(text);
            releaseSecret(secret);
        } else if (result.status != SecretResult::Status::NotFound) {
            // No keychain or a locked one: say so once, and stop asking.
            m_fetched->setUnavailableReason(result.message);
            m_pending.clear();
        }
        fetchNext();
    });
}
