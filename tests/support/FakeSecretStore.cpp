// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeSecretStore.h"

#include "secrets/SecretWipe.h"

FakeSecretStore::~FakeSecretStore()
{
    for (QByteArray& secret : m_entries) {
        wipeSecret(secret);
    }
}

void FakeSecretStore::perform(SecretReply* reply, QByteArray secret)
{
    ++m_callCount;
    // SecretReply::finish already answers on the next event loop turn, as the real store does.
    reply->finish(answer(reply->operation(), reply->key(), exclusiveSecret(std::move(secret))));
}

SecretResult FakeSecretStore::answer(SecretOperation operation, const SecretKey& key, QByteArray secret)
{
    using Status = SecretResult::Status;
    if (m_behaviour == Behaviour::NoKeychain) {
        wipeSecret(secret);
        return SecretResult::failure(operation, key, Status::NoKeychain, SecretResult::noKeychainMessage(operation));
    }
    if (m_behaviour == Behaviour::Locked && operation != SecretOperation::CheckAvailability) {
        wipeSecret(secret);
        return SecretResult::failure(operation, key, Status::AccessDenied,
                                     QStringLiteral("The keyring is locked (fake secret store)"));
    }
    switch (operation) {
    case SecretOperation::Read: {
        const auto entry = m_entries.constFind(key.name());
        if (entry == m_entries.cend()) {
            return SecretResult::failure(operation, key, Status::NotFound,
                                         QStringLiteral("Nothing is stored in the keychain under %1").arg(key.name()));
        }
        return SecretResult::success(operation, key, exclusiveSecret(*entry));
    }
    case SecretOperation::Write: {
        QByteArray& stored = m_entries[key.name()];
        wipeSecret(stored);
        stored = std::move(secret);
        break;
    }
    case SecretOperation::Remove:
        if (m_entries.contains(key.name())) {
            wipeSecret(m_entries[key.name()]);
            m_entries.remove(key.name());
        }
        break;
    case SecretOperation::CheckAvailability:
        break;
    }
    return SecretResult::success(operation, key);
}
