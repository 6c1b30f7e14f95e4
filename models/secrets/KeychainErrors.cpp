// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/KeychainErrors.h"

#include <QStringList>

#include <algorithm>

namespace {

using Status = SecretResult::Status;

bool mentionsAny(const QString& text, std::initializer_list<const char*> fragments)
{
    return std::any_of(fragments.begin(), fragments.end(), [&](const char* fragment) {
        return text.contains(QLatin1String(fragment), Qt::CaseInsensitive);
    });
}

// The bus cannot be reached, or nothing on it provides org.freedesktop.secrets (GDBus, dbus-daemon and
// QtKeychain's own words).
bool meansNoSecretService(const QString& errorString)
{
    return mentionsAny(errorString,
                       {"Could not connect", "autolaunch", "DBUS_SESSION_BUS_ADDRESS", "not provided by any .service",
                        "ServiceUnknown", "NoServer", "D-Bus is not running", "No keychain service available",
                        "No keyring daemon"});
}

// gnome-keyring without an unlocked login keyring: the default collection is missing or locked, or the
// unlock prompt could not be shown.
bool meansKeyringLocked(const QString& errorString)
{
    return mentionsAny(errorString, {"/org/freedesktop/secrets/collection/", "locked", "prompt"});
}

QString withDetail(const QString& message, const QString& errorString)
{
    if (errorString.isEmpty()) {
        return message;
    }
    return message + QStringLiteral(" (the keychain said: ") + errorString + QLatin1Char(')');
}

QString lockedMessage(SecretOperation operation)
{
    return operation == SecretOperation::Write
        ? QStringLiteral("The keyring is locked or has no default collection, so nothing was saved; unlock or "
                         "create the login keyring and try again")
        : QStringLiteral("The keyring is locked or refused access; unlock the login keyring and try again");
}

} // namespace

SecretResult classifyKeychainError(SecretOperation operation, const SecretKey& key, QKeychain::Error error,
                                   const QString& errorString, bool sessionBusConnected)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretResult::success(operation, key);
    case QKeychain::EntryNotFound:
        return SecretResult::failure(operation, key, Status::NotFound,
                                     QStringLiteral("Nothing is stored in the keychain under %1").arg(key.name()));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretResult::failure(operation, key, Status::AccessDenied,
                                     withDetail(lockedMessage(operation), errorString));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretResult::failure(operation, key, Status::NoKeychain,
                                     withDetail(SecretResult::noKeychainMessage(operation), errorString));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (!sessionBusConnected || meansNoSecretService(errorString)) {
        return SecretResult::failure(operation, key, Status::NoKeychain,
                                     withDetail(SecretResult::noKeychainMessage(operation), errorString));
    }
    if (meansKeyringLocked(errorString)) {
        return SecretResult::failure(operation, key, Status::AccessDenied,
                                     withDetail(lockedMessage(operation), errorString));
    }
    return SecretResult::failure(operation, key, Status::Error,
                                 withDetail(QStringLiteral("The keychain failed"), errorString));
}
