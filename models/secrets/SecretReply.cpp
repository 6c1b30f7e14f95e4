// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretReply.h"

#include "secrets/SecretWipe.h"

#include <QTimer>

SecretReply::SecretReply(SecretOperation operation, const SecretKey& key, QObject* parent)
    : QObject(parent)
    , m_operation(operation)
    , m_key(key)
{
}

void SecretReply::finish(SecretResult result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    QTimer::singleShot(0, this, [this, result = std::move(result)]() mutable {
        Q_EMIT finished(result);
        releaseSecret(result.secret);
        deleteLater();
    });
}
