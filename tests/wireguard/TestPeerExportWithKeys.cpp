// SPDX-License-Identifier: GPL-3.0-or-later
// The PrivateKeyProvider hook: with a provider that has the keys (the keychain, later), peer export gives back
// the very wg0.conf that peer add wrote. Runs PeerCommand in-process with a fake provider.
#include "WireGuardTools.h"
#include "cli/CliContext.h"
#include "cli/PeerCommand.h"
#include "topology/TopologyFile.h"
#include "support/ManualClock.h"
#include "wireguard/WireGuardConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class FakeKeys final : public PrivateKeyProvider
{
public:
    QString privateKeyText;
    QString pskText;
    QStringList asked;

    std::optional<WireGuardKey> privateKey(const QString& interfaceId) override
    {
        asked.append(interfaceId);
        return WireGuardKey::fromBase64(privateKeyText);
    }
    std::optional<WireGuardKey> presharedKey(const QString& peerId) override
    {
        asked.append(peerId);
        return WireGuardKey::fromBase64(pskText);
    }
    QString unavailableReason() const override { return QStringLiteral("fake"); }
};

} // namespace

class TestPeerExportWithKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportRecreatesTheBundle()
    {
        QTemporaryDir dir;
        const QString topology = dir.filePath(QStringLiteral("topology.json"));
        QVERIFY(TopologyFile::save(topology, TopologyFile::referenceDeployment()).isEmpty());
        ManualClock clock;
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        CliContext context(out, err, &clock);

        PeerCommand add;
        const QString added = dir.filePath(QStringLiteral("added"));
        QCOMPARE(add.run({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"), topology,
                             QStringLiteral("--name"), QStringLiteral("web2"), QStringLiteral("--out"), added},
                     context),
            0);
        QCOMPARE(TopologyFile::load(topology).topology.peer(QStringLiteral("monitor11-web2"))->keyCreated, clock.now());
        const auto client = WireGuardConfig::parse(QString::fromUtf8(readAll(added + QStringLiteral("/wg0.conf"))));
        QVERIFY(client.ok());

        auto keys = std::make_unique<FakeKeys>();
        keys->privateKeyText = client.config.interfaceSection()->value(u"PrivateKey");
        keys->pskText = QString::fromLatin1(readAll(added + QStringLiteral("/server-peer.psk"))).trimmed();
        FakeKeys* provider = keys.get();
        PeerCommand exporter(std::move(keys));
        const QString exported = dir.filePath(QStringLiteral("exported"));
        QCOMPARE(exporter.run({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), topology,
                                  QStringLiteral("web2"), QStringLiteral("--out"), exported},
                     context),
            0);
        QCOMPARE(provider->asked, (QStringList{QStringLiteral("web2-wg0"), QStringLiteral("monitor11-web2")}));
        for (const char* name : {"wg0.conf", "server-peer.conf", "server-peer.psk", "server-add-peer.sh", "telegraf.conf",
                 "config.alloy", "firewall-client.nft", "firewall-server.nft"})
            QVERIFY2(readAll(exported + QLatin1Char('/') + QLatin1String(name)) == readAll(added + QLatin1Char('/') + QLatin1String(name)), name);
        QVERIFY(!errText.contains(QStringLiteral("no wg0.conf")));
    }
};

QTEST_GUILESS_MAIN(TestPeerExportWithKeys)
#include "TestPeerExportWithKeys.moc"
