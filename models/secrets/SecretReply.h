// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretResult.h"

#include <QObject>

/**
 * The handler of one SecretStore call. It emits finished exactly once, always from the event loop (never inside
 * the call that created it), so connecting right after the call is safe; then it deletes itself.
 */
class SecretReply final : public QObject
{
    Q_OBJECT

public:
    SecretReply(SecretOperation operation, const SecretKey& key, QObject* parent);

    SecretOperation operation() const { return m_operation; }
    SecretKey key() const { return m_key; }
    bool isFinished() const { return m_finished; }

    /// Delivers `result` on the next event loop turn. Only the store calls this; later calls are ignored.
    void finish(SecretResult result);

Q_SIGNALS:
    /**
     * A read's secret is handed over here: copy `result.secret` during the slot if you need it, and wipe your copy
     * with wipeSecret() when done. After the slot returns, the reply wipes the buffer unless a copy of yours still
     * shares it.
     */
    void finished(const SecretResult& result);

private:
    SecretOperation m_operation;
    SecretKey m_key;
    bool m_finished = false;
};
