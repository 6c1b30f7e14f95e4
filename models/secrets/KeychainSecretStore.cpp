// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/KeychainSecretStore.h"

#include "secrets/KeychainErrors.h"
#include "secrets/SecretWipe.h"

#include <QDBusConnection>
#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

namespace {

Q_LOGGING_CATEGORY(lcSecrets, "tunnelscope.secrets", QtInfoMsg)

// Key names are not secret; log them and the outcome, never the bytes.
void logResult(const SecretResult& result)
{
    qCDebug(lcSecrets).noquote() << "keychain answered" << SecretResult::statusName(result.status) << "for"
                                 << result.key.name();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : SecretStore(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &KeychainSecretStore::onJobTimedOut);
}

KeychainSecretStore::~KeychainSecretStore()
{
    for (Pending& pending : m_queue) {
        wipeSecret(pending.secret);
    }
    // A running job keeps its own wiping connection (see startNext) and deletes itself when it ends.
}

void KeychainSecretStore::perform(SecretReply* reply, QByteArray secret)
{
    m_queue.push_back(Pending{reply, exclusiveSecret(std::move(secret))});
    scheduleNext();
}

void KeychainSecretStore::scheduleNext()
{
    if (m_running || m_startScheduled || m_queue.empty()) {
        return;
    }
    m_startScheduled = true;
    QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
}

void KeychainSecretStore::startNext()
{
    m_startScheduled = false;
    if (m_running || m_queue.empty()) {
        return;
    }
    m_running = std::move(m_queue.front());
    m_queue.pop_front();
    if (!m_running->reply) {
        wipeSecret(m_running->secret);
        m_running.reset();
        scheduleNext();
        return;
    }

    QKeychain::Job* job = createJob(*m_running);
    m_runningJob = job;
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::onJobFinished);
    if (!m_running->secret.isEmpty()) {
        // The job shares this buffer until it has finished, even past a timeout or the store's end, so the
        // buffer is wiped from the job's own signal, with the job as context.
        connect(job, &QKeychain::Job::finished, job,
                [secret = std::exchange(m_running->secret, {})]() mutable { wipeSecret(secret); });
    }
    qCDebug(lcSecrets).noquote() << "keychain job started for" << m_running->reply->key().name();
    m_timeout.start(m_jobTimeout);
    job->start();
}

QKeychain::Job* KeychainSecretStore::createJob(Pending& pending) const
{
    const QString service = SecretKey::service();
    QKeychain::Job* job = nullptr;
    switch (pending.reply->operation()) {
    case SecretOperation::Read:
    case SecretOperation::CheckAvailability:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case SecretOperation::Write: {
        auto* writeJob = new QKeychain::WritePasswordJob(service);
        writeJob->setBinaryData(pending.secret);
        job = writeJob;
        break;
    }
    case SecretOperation::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    // No parent: QtKeychain's backend calls back into the job, so it must live until it has finished.
    job->setKey(pending.reply->key().name());
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    return job;
}

void KeychainSecretStore::onJobFinished(QKeychain::Job* job)
{
    if (job != m_runningJob || !m_running) {
        return; // a job that already timed out
    }
    m_timeout.stop();
    if (!m_running->reply) {
        m_running.reset();
        m_runningJob.clear();
        scheduleNext();
        return;
    }
    finishRunning(resultOf(job, *m_running->reply));
}

void KeychainSecretStore::onJobTimedOut()
{
    if (!m_running || !m_running->reply) {
        return;
    }
    const SecretReply& reply = *m_running->reply;
    finishRunning(SecretResult::failure(
        reply.operation(), reply.key(), SecretResult::Status::Error,
        QStringLiteral("The keychain did not answer within %1 s").arg(m_jobTimeout.count() / 1000.0)));
}

SecretResult KeychainSecretStore::resultOf(QKeychain::Job* job, const SecretReply& reply) const
{
    const SecretOperation operation = reply.operation();
    if (job->error() == QKeychain::NoError) {
        if (operation != SecretOperation::Read) {
            return SecretResult::success(operation, reply.key());
        }
        QByteArray jobBuffer = static_cast<QKeychain::ReadPasswordJob*>(job)->binaryData();
        QByteArray secret = exclusiveSecret(jobBuffer);
        wipeSecret(jobBuffer); // zeroes the job's own copy too: they share the buffer
        return SecretResult::success(operation, reply.key(), std::move(secret));
    }
    // Removing what is not there, or finding no probe entry, is what the caller wanted to hear.
    const bool notFoundIsFine =
        operation == SecretOperation::Remove || operation == SecretOperation::CheckAvailability;
    if (job->error() == QKeychain::EntryNotFound && notFoundIsFine) {
        return SecretResult::success(operation, reply.key());
    }
    const bool busConnected = job->error() == QKeychain::OtherError
        ? QDBusConnection::sessionBus().isConnected()
        : true;
    return classifyKeychainError(operation, reply.key(), job->error(), job->errorString(), busConnected);
}

void KeychainSecretStore::finishRunning(SecretResult result)
{
    logResult(result);
    m_running->reply->finish(std::move(result));
    m_running.reset();
    m_runningJob.clear();
    scheduleNext();
}
