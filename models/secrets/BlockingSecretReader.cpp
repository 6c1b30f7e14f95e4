// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/BlockingSecretReader.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

BlockingSecretReader::BlockingSecretReader(SecretStore& store, std::chrono::milliseconds timeout)
    : m_store(store)
    , m_timeout(timeout)
{
}

SecretResult BlockingSecretReader::read(const SecretKey& key)
{
    return wait(m_store.read(key));
}

SecretResult BlockingSecretReader::write(const SecretKey& key, QByteArray secret)
{
    return wait(m_store.write(key, std::move(secret)));
}

SecretResult BlockingSecretReader::remove(const SecretKey& key)
{
    return wait(m_store.remove(key));
}

SecretResult BlockingSecretReader::checkAvailability()
{
    return wait(m_store.checkAvailability());
}

SecretResult BlockingSecretReader::wait(SecretReply* reply)
{
    const SecretOperation operation = reply->operation();
    const SecretKey key = reply->key();
    std::optional<SecretResult> answer;
    QEventLoop loop;
    // The reply answers from the event loop, never inside the store call, so connecting now misses nothing.
    QObject::connect(reply, &SecretReply::finished, &loop, [&](const SecretResult& result) {
        answer = result;
        loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(m_timeout);
    loop.exec();
    if (answer) {
        return std::move(*answer);
    }
    return SecretResult::failure(operation, key, SecretResult::Status::Error,
                                 QStringLiteral("The keychain did not answer within %1 s")
                                     .arg(static_cast<double>(m_timeout.count()) / 1000.0));
}
