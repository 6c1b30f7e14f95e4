// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretStore.h"

#include "secrets/SecretWipe.h"

SecretReply* SecretStore::read(const SecretKey& key)
{
    return submit(SecretOperation::Read, key, {});
}

SecretReply* SecretStore::write(const SecretKey& key, QByteArray secret)
{
    return submit(SecretOperation::Write, key, std::move(secret));
}

SecretReply* SecretStore::remove(const SecretKey& key)
{
    return submit(SecretOperation::Remove, key, {});
}

SecretReply* SecretStore::checkAvailability()
{
    return submit(SecretOperation::CheckAvailability, SecretKey::availabilityProbe(), {});
}

SecretReply* SecretStore::submit(SecretOperation operation, const SecretKey& key, QByteArray secret)
{
    auto* reply = new SecretReply(operation, key, this);
    if (!key.isValid()) {
        releaseSecret(secret);
        reply->finish(SecretResult::failure(operation, key, SecretResult::Status::Error, key.problem()));
        return reply;
    }
    perform(reply, std::move(secret));
    return reply;
}
