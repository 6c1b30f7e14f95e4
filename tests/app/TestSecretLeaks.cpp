// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted onboarding (tunnelscope-cli peer add), a key rotation (peer rotate) and the app opening the result:
// afterwards no private or preshared key generated on the way may be anywhere but in the bundles' secret files
// (mode 0600): not in the settings, data or cache folders, the topology file, the other bundle files, or anything
// either executable printed.
#include "support/TestRequirements.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

/// The files of a bundle that are meant to hold a secret; the bundle's printed list marks the same ones "secret".
const QStringList SecretFiles{QStringLiteral("wg0.conf"), QStringLiteral("server-peer.conf"), QStringLiteral("server-peer.psk")};

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The keys a bundle's wg0.conf holds, in base64 and in hex (a leak in another spelling is still a leak).
QList<QByteArray> keysOf(const QString& bundle)
{
    QList<QByteArray> keys;
    static const QRegularExpression line(QStringLiteral("^(?:PrivateKey|PresharedKey) = (\\S+)$"),
                                         QRegularExpression::MultilineOption);
    const QString config = QString::fromUtf8(contentsOf(bundle + QStringLiteral("/wg0.conf")));
    for (auto it = line.globalMatch(config); it.hasNext();) {
        const QByteArray base64 = it.next().captured(1).toLatin1();
        keys << base64 << QByteArray::fromBase64(base64).toHex();
    }
    return keys;
}

} // namespace

class TestSecretLeaks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QByteArray m_printed; ///< every byte either executable wrote to stdout or stderr

    QString path(const QString& name) const { return m_dir.filePath(name); }

    int run(const QString& program, const QStringList& arguments)
    {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(program, arguments);
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished(5000);
        }
        m_printed += process.readAllStandardOutput() + process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    int cli(const QStringList& arguments) { return run(QStringLiteral(TUNNELSCOPE_CLI_PATH), arguments); }

    /// Files under `folder` that hold one of `keys`, except the bundles' 0600 secret files.
    QStringList filesWithKeys(const QList<QByteArray>& keys)
    {
        QStringList leaks;
        for (QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            const QString file = it.next();
            const bool inBundle = file.startsWith(path(QStringLiteral("bundles/")));
            if (inBundle && SecretFiles.contains(it.fileInfo().fileName()))
                continue;
            const QByteArray content = contentsOf(file);
            for (const QByteArray& key : keys) {
                if (content.contains(key))
                    leaks.append(file);
            }
        }
        return leaks;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char* variable : {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"}) {
            const QString folder = path(QString::fromLatin1(variable).toLower());
            QVERIFY(QDir().mkpath(folder));
            m_environment.insert(QString::fromLatin1(variable), folder);
        }
        m_environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("bundles"))));
    }

    void onboardingAndRotationLeaveKeysOnlyInTheBundles()
    {
        const QString topology = path(QStringLiteral("network.json"));
        QCOMPARE(cli({QStringLiteral("topology"), QStringLiteral("init"), topology}), 0);
        const QString added = path(QStringLiteral("bundles/edge1"));
        const QString rotated = path(QStringLiteral("bundles/edge1-rotated"));
        QCOMPARE(cli({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"), topology,
                      QStringLiteral("--name"), QStringLiteral("edge1"), QStringLiteral("--out"), added}), 0);
        QCOMPARE(cli({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), topology,
                      QStringLiteral("edge1"), QStringLiteral("--out"), path(QStringLiteral("bundles/edge1-export"))}), 0);
        QCOMPARE(cli({QStringLiteral("peer"), QStringLiteral("rotate"), QStringLiteral("--topology"), topology,
                      QStringLiteral("edge1"), QStringLiteral("--out"), rotated}), 0);
        QCOMPARE(cli({QStringLiteral("topology"), QStringLiteral("validate"), topology}), 0);
        // The app opens the topology, remembers it in its settings, renders and exits.
        const int app = run(QStringLiteral(TUNNELSCOPE_APP_PATH), {QStringLiteral("--topology"), topology, QStringLiteral("--demo"),
                            QStringLiteral("--screenshot"), path(QStringLiteral("shot.png"))});
        QVERIFY2(app == 0, m_printed.right(2000).constData());

        const QList<QByteArray> keys = keysOf(added) + keysOf(rotated);
        QCOMPARE(keys.size(), 8); // a private and a preshared key each time, in two spellings
        QCOMPARE(QSet<QByteArray>(keys.cbegin(), keys.cend()).size(), 8);

        for (const QByteArray& key : keys)
            QVERIFY2(!m_printed.contains(key), m_printed.constData());
        QCOMPARE(filesWithKeys(keys), QStringList());
        for (QDirIterator it(path(QStringLiteral("bundles")), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            struct stat info;
            QCOMPARE(::stat(QFile::encodeName(it.next()).constData(), &info), 0);
            QVERIFY2((info.st_mode & 0777) == 0600, qPrintable(it.filePath()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretLeaks)
#include "TestSecretLeaks.moc"
