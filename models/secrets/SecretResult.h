// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretKey.h"

#include <QByteArray>
#include <QString>

/** What a SecretStore call was asked to do. */
enum class SecretOperation { Read, Write, Remove, CheckAvailability };

/**
 * The one answer to a SecretStore call. `message` is meant for the user and never holds secret bytes.
 * `secret` is set only for a successful read; see SecretReply::finished for who wipes it.
 */
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,     ///< read: nothing is stored under that key
        NoKeychain,   ///< no Secret Service (or other backend) answers; nothing was stored anywhere
        AccessDenied, ///< the keyring is locked, has no usable default collection, or the user refused
        Error,        ///< anything else (invalid key, timeout, backend failure), explained in message
    };

    SecretOperation operation = SecretOperation::Read;
    SecretKey key;
    Status status = Status::Error;
    QString message;
    QByteArray secret;

    bool isOk() const { return status == Status::Ok; }

    static SecretResult success(SecretOperation operation, const SecretKey& key, QByteArray secret = {});
    static SecretResult failure(SecretOperation operation, const SecretKey& key, Status status, QString message);

    /// The words for NoKeychain, the same whichever store reports it.
    static QString noKeychainMessage(SecretOperation operation);
    static QString statusName(Status status);
};
