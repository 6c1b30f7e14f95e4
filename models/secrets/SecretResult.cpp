// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretResult.h"

SecretResult SecretResult::success(SecretOperation operation, const SecretKey& key, QByteArray secret)
{
    return {operation, key, Status::Ok, {}, std::move(secret)};
}

SecretResult SecretResult::failure(SecretOperation operation, const SecretKey& key, Status status, QString message)
{
    return {operation, key, status, std::move(message), {}};
}

QString SecretResult::noKeychainMessage(SecretOperation operation)
{
    switch (operation) {
    case SecretOperation::Write:
        return QStringLiteral("No Secret Service is running on the session bus; Tunnelscope never stores secrets "
                              "in plain text, so nothing was saved");
    case SecretOperation::Read:
        return QStringLiteral("No Secret Service is running on the session bus, so the stored secret could not be "
                              "read; Tunnelscope never keeps secrets in plain text");
    case SecretOperation::Remove:
        return QStringLiteral("No Secret Service is running on the session bus, so nothing could be removed");
    case SecretOperation::CheckAvailability:
        break;
    }
    return QStringLiteral("No Secret Service is running on the session bus; Tunnelscope never stores secrets in "
                          "plain text, so passwords, tokens and keys cannot be saved");
}

QString SecretResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::NotFound:
        return QStringLiteral("not found");
    case Status::NoKeychain:
        return QStringLiteral("no keychain");
    case Status::AccessDenied:
        return QStringLiteral("access denied");
    case Status::Error:
        break;
    }
    return QStringLiteral("error");
}
