// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyFile.h"
#include "topology/TopologyJson.h"
#include "topology/TopologyNameRule.h"
#include "topology/TopologyValidator.h"

#include <QTest>

namespace {

const QString Hostile = QStringLiteral("prod$(touch X)\nPostUp = touch Y");

QString errorsAt(const QList<TopologyError>& errors, const QString& path)
{
    QStringList messages;
    for (const auto& error : errors) {
        if (error.path == path)
            messages.append(error.message);
    }
    return messages.join(QLatin1Char('\n'));
}

} // namespace

class TestTopologyNameRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labels_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "prod" << true;
        QTest::newRow("digits and dash") << "web-2" << true;
        QTest::newRow("upper case") << "Monitor11" << true;
        QTest::newRow("63") << QString(63, QLatin1Char('a')) << true;
        QTest::newRow("64") << QString(64, QLatin1Char('a')) << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "admin laptop" << false;
        QTest::newRow("leading dash") << "-x" << false;
        QTest::newRow("trailing dash") << "x-" << false;
        QTest::newRow("dot") << "web1.lan" << false;
        QTest::newRow("slash") << "../x" << false;
        QTest::newRow("hostile") << Hostile << false;
        QTest::newRow("non-ASCII") << QStringLiteral("caf\u00e9") << false;
    }

    void labels()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(TopologyNameRule::isLabel(name), valid);
        QCOMPARE(TopologyNameRule::labelError(name).isEmpty(), valid);
    }

    void dnsNames()
    {
        QVERIFY(TopologyNameRule::isDnsName(QStringLiteral("monitor11.example.com")));
        QVERIFY(TopologyNameRule::isDnsName(QStringLiteral("prod")));
        QVERIFY(!TopologyNameRule::isDnsName(QStringLiteral("a..b")));
        QVERIFY(!TopologyNameRule::isDnsName(QStringLiteral("a.b.")));
        QVERIFY(!TopologyNameRule::isDnsName(QStringLiteral("x$(id).example.com")));
        QVERIFY(!TopologyNameRule::isDnsName(QString(260, QLatin1Char('a'))));
    }

    void labelFromFreeText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("label");
        QTest::newRow("apostrophe and space") << "Bob's phone" << "Bobs-phone";
        QTest::newRow("typographic apostrophe") << QStringLiteral("Bob\u2019s phone") << "Bobs-phone";
        QTest::newRow("accents") << QStringLiteral("Jos\u00e9 M\u00fcller") << "Jose-Muller";
        QTest::newRow("a label stays") << "a--b" << "a--b";
        QTest::newRow("path") << "../x" << "x";
        QTest::newRow("absolute") << "/etc/cron.d" << "etc-cron-d";
        QTest::newRow("hostile") << Hostile << "prod-touch-X-PostUp-touch-Y";
        QTest::newRow("nothing usable") << "--- !" << "";
        QTest::newRow("too long") << QString(70, QLatin1Char('a')) << QString(63, QLatin1Char('a'));
        QTest::newRow("cut at a dash") << QString(62, QLatin1Char('a')) + QStringLiteral(" b") << QString(62, QLatin1Char('a'));
    }

    void labelFromFreeText()
    {
        QFETCH(QString, text);
        QFETCH(QString, label);
        const QString derived = TopologyNameRule::labelFrom(text);
        QCOMPARE(derived, label);
        QVERIFY(derived.isEmpty() || TopologyNameRule::isLabel(derived));
    }

    void errorNamesTheRuleAndAFix()
    {
        const QString error = TopologyNameRule::labelError(Hostile);
        QVERIFY2(error.contains(TopologyNameRule::labelRule()), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("for example \"prod-touch-X-PostUp-touch-Y\"")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("prod$(touch X)\\nPostUp")), qPrintable(error)); // shown, escaped
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void validatorRefusesHostileNames()
    {
        Topology topology = TopologyFile::referenceDeployment();
        QVERIFY(TopologyValidator::validate(topology).isEmpty());
        topology.hosts[0].name = Hostile;
        topology.hosts[1].fqdn = QStringLiteral("monitor11.example.com\nPostUp = x");
        topology.hosts[2].description = QStringLiteral("a\x1b]0;pwned\x07");
        topology.peers[0].name = QStringLiteral("admin laptop");
        topology.segments[0].name = QStringLiteral("line\nbreak");
        const QList<TopologyError> errors = TopologyValidator::validate(topology);
        QVERIFY2(errorsAt(errors, QStringLiteral("hosts[0].name")).contains(QStringLiteral("for example")),
            qPrintable(TopologyError::describe(errors)));
        QVERIFY(errorsAt(errors, QStringLiteral("hosts[1].fqdn")).contains(QStringLiteral("not a DNS name")));
        QVERIFY(errorsAt(errors, QStringLiteral("hosts[2].description")).contains(QStringLiteral("one line")));
        QVERIFY(errorsAt(errors, QStringLiteral("peers[0].name")).contains(QStringLiteral("\"admin-laptop\"")));
        QVERIFY(errorsAt(errors, QStringLiteral("segments[0].name")).contains(QStringLiteral("line\\nbreak")));
        QCOMPARE(errors.size(), 5);
    }

    void loaderRefusesHostileNames()
    {
        Topology topology = TopologyFile::referenceDeployment();
        topology.hosts[0].name = Hostile;
        const TopologyParseResult loaded = TopologyJson::read(TopologyJson::write(topology));
        QVERIFY(!loaded.ok());
        QVERIFY2(errorsAt(loaded.errors, QStringLiteral("hosts[0].name")).contains(TopologyNameRule::labelRule()),
            qPrintable(TopologyError::describe(loaded.errors)));
    }
};

QTEST_GUILESS_MAIN(TestTopologyNameRule)
#include "TestTopologyNameRule.moc"
