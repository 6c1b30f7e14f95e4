// SPDX-License-Identifier: GPL-3.0-or-later
// One KeychainSecretStore call in a process of its own:
//   tunnelscope_secret_probe write|read|remove|check KEYNAME   (a secret to write comes on stdin)
// Prints "status: <status>" and "message: <words>" and never the secret itself.
#include "secrets/BlockingSecretReader.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretWipe.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // Where a plain-text fallback would put its QSettings file, so the test can look for one there.
    QCoreApplication::setOrganizationName(QStringLiteral("Tunnelscope"));
    QCoreApplication::setApplicationName(QStringLiteral("tunnelscope"));

    const QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    const std::optional<SecretKey> key = arguments.size() == 3 ? SecretKey::fromName(arguments[2]) : std::nullopt;
    if (!key) {
        out << "usage: tunnelscope_secret_probe write|read|remove|check KEYNAME\n";
        return 2;
    }

    KeychainSecretStore store;
    BlockingSecretReader reader(store, std::chrono::seconds(20));
    const QString command = arguments[1];
    SecretResult result;
    if (command == QLatin1String("write")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            return 2;
        }
        result = reader.write(*key, input.readAll());
    } else if (command == QLatin1String("read")) {
        result = reader.read(*key);
    } else if (command == QLatin1String("remove")) {
        result = reader.remove(*key);
    } else {
        result = reader.checkAvailability();
    }
    out << "status: " << SecretResult::statusName(result.status) << '\n'
        << "message: " << result.message << '\n'
        << "secret size: " << result.secret.size() << '\n';
    wipeSecret(result.secret);
    return result.isOk() ? 0 : 1;
}
