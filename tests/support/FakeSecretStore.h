// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

/**
 * An in-memory SecretStore for tests of the code that uses secrets (settings dialog, CLI, wizards). It answers
 * like KeychainSecretStore: asynchronously, in call order, with the same statuses and words, and can be told to
 * behave as if no keychain were running or the keyring were locked.
 */
class FakeSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    enum class Behaviour { Available, NoKeychain, Locked };

    using SecretStore::SecretStore;
    ~FakeSecretStore() override;

    void setBehaviour(Behaviour behaviour) { m_behaviour = behaviour; }
    Behaviour behaviour() const { return m_behaviour; }

    /// Inspection for tests, bypassing the behaviour.
    bool contains(const SecretKey& key) const { return m_entries.contains(key.name()); }
    QByteArray storedSecret(const SecretKey& key) const { return m_entries.value(key.name()); }
    qsizetype entryCount() const { return m_entries.size(); }
    int callCount() const { return m_callCount; }

protected:
    void perform(SecretReply* reply, QByteArray secret) override;

private:
    SecretResult answer(SecretOperation operation, const SecretKey& key, QByteArray secret);

    QHash<QString, QByteArray> m_entries;
    Behaviour m_behaviour = Behaviour::Available;
    int m_callCount = 0;
};
