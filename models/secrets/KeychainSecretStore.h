// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <QPointer>
#include <QTimer>

#include <chrono>
#include <deque>
#include <optional>

namespace QKeychain {
class Job;
}

/**
 * The system keychain through QtKeychain (the Secret Service on Linux: gnome-keyring, KWallet 5.97+, KeePassXC).
 * QtKeychain's plain-text fallback is always off. One job runs at a time; the next one starts from the event
 * loop, because QtKeychain jobs must not be started from another job's finished signal. A job that does not
 * answer within jobTimeout() fails with an error so the queue keeps moving.
 */
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    /// Long enough for a person to type the keyring password into an unlock prompt.
    static constexpr std::chrono::milliseconds DefaultJobTimeout{120'000};

    explicit KeychainSecretStore(QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    void setJobTimeout(std::chrono::milliseconds timeout) { m_jobTimeout = timeout; }
    std::chrono::milliseconds jobTimeout() const { return m_jobTimeout; }

protected:
    void perform(SecretReply* reply, QByteArray secret) override;

private:
    struct Pending
    {
        QPointer<SecretReply> reply;
        QByteArray secret; ///< only for writes; a buffer nobody else shares, wiped after the job
    };

    void scheduleNext();
    void startNext();
    QKeychain::Job* createJob(Pending& pending) const;
    void onJobFinished(QKeychain::Job* job);
    void onJobTimedOut();
    SecretResult resultOf(QKeychain::Job* job, const SecretReply& reply) const;
    void finishRunning(SecretResult result);

    std::deque<Pending> m_queue;
    std::optional<Pending> m_running;
    QPointer<QKeychain::Job> m_runningJob;
    QTimer m_timeout;
    std::chrono::milliseconds m_jobTimeout = DefaultJobTimeout;
    bool m_startScheduled = false;
};
