// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/KeychainErrors.h"

#include <QTest>

using Status = SecretResult::Status;

// The error strings are what QtKeychain 0.13 with libsecret and gnome-keyring 42 really reported (recorded on
// Debian 12 in the situations named by each row).
class TestKeychainErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("errorString");
        QTest::addColumn<bool>("busConnected");
        QTest::addColumn<Status>("status");

        const auto read = static_cast<int>(SecretOperation::Read);
        const auto write = static_cast<int>(SecretOperation::Write);
        QTest::newRow("bus socket missing") << write << int(QKeychain::OtherError)
                                            << QStringLiteral("Could not connect: No such file or directory")
                                            << false << Status::NoKeychain;
        QTest::newRow("no bus address, no display")
            << read << int(QKeychain::OtherError) << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")
            << false << Status::NoKeychain;
        QTest::newRow("translated message, bus down")
            << write << int(QKeychain::OtherError) << QStringLiteral("Verbindung fehlgeschlagen") << false
            << Status::NoKeychain;
        QTest::newRow("bus without a Secret Service")
            << write << int(QKeychain::OtherError)
            << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files") << true
            << Status::NoKeychain;
        QTest::newRow("no backend (kwallet path)") << write << int(QKeychain::NoBackendAvailable)
                                                   << QStringLiteral("No keychain service available") << true
                                                   << Status::NoKeychain;
        QTest::newRow("keyring never created")
            << write << int(QKeychain::OtherError)
            << QStringLiteral("Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d")
            << true << Status::AccessDenied;
        QTest::newRow("locked collection") << write << int(QKeychain::AccessDenied)
                                           << QStringLiteral("Cannot create an item in a locked collection") << true
                                           << Status::AccessDenied;
        QTest::newRow("user cancelled") << read << int(QKeychain::AccessDeniedByUser) << QString() << true
                                        << Status::AccessDenied;
        QTest::newRow("not found") << read << int(QKeychain::EntryNotFound) << QStringLiteral("Entry not found")
                                   << true << Status::NotFound;
        QTest::newRow("other") << read << int(QKeychain::OtherError) << QStringLiteral("Unknown error") << true
                               << Status::Error;
        QTest::newRow("could not delete") << read << int(QKeychain::CouldNotDeleteEntry) << QString() << true
                                          << Status::Error;
    }

    void classifies()
    {
        QFETCH(int, operation);
        QFETCH(int, error);
        QFETCH(QString, errorString);
        QFETCH(bool, busConnected);
        QFETCH(Status, status);

        const SecretKey key = SecretKey::influxToken(QStringLiteral("monitor11"));
        const SecretResult result = classifyKeychainError(static_cast<SecretOperation>(operation), key,
                                                          static_cast<QKeychain::Error>(error), errorString,
                                                          busConnected);
        QCOMPARE(result.status, status);
        QCOMPARE(result.key, key);
        QVERIFY(result.secret.isEmpty());
        QVERIFY(!result.message.isEmpty());
        if (status != Status::NotFound) { // "Entry not found" adds nothing to our own words
            QVERIFY2(result.message.contains(errorString), qPrintable(result.message)); // the detail is kept
        }
    }

    void noKeychainOnWriteSaysNothingWasSaved()
    {
        const SecretResult result = classifyKeychainError(
            SecretOperation::Write, SecretKey::lokiPassword(QStringLiteral("a")), QKeychain::OtherError,
            QStringLiteral("Could not connect: No such file or directory"), false);
        QVERIFY2(result.message.startsWith(
                     QStringLiteral("No Secret Service is running on the session bus; Tunnelscope never stores "
                                    "secrets in plain text, so nothing was saved")),
                 qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestKeychainErrors)
#include "TestKeychainErrors.moc"
