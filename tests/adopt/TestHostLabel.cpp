// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/HostLabel.h"

#include <QSet>
#include <QTest>

class TestHostLabel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("label");
        QTest::newRow("already a label") << "prod" << "prod";
        QTest::newRow("apostrophe") << "Bob's phone" << "bobs-phone";
        QTest::newRow("typographic apostrophe") << QStringLiteral("Bob\u2019s phone") << "bobs-phone";
        QTest::newRow("accents") << QStringLiteral("Zoë's Laptop (old)") << "zoes-laptop-old";
        QTest::newRow("runs and ends") << "  --Home  office__router!! " << "home-office-router";
        QTest::newRow("dots") << "monitor11.example.com" << "monitor11-example-com";
        QTest::newRow("nothing usable") << QStringLiteral("★ ☆") << "";
        QTest::newRow("empty") << "" << "";
    }

    void fromText()
    {
        QFETCH(QString, text);
        QFETCH(QString, label);
        QCOMPARE(HostLabel::fromText(text), label);
        if (!label.isEmpty())
            QVERIFY(TopologyNameRule::isLabel(label));
        QCOMPARE(label, label.toLower()); // "# Name = Prod" and the host "prod" are one name
    }

    void longTextIsCutToALabel()
    {
        const QString text = QString(62, QLatin1Char('a')) + QStringLiteral(" b c");
        const QString label = HostLabel::fromText(text);
        QCOMPARE(label.size(), 62); // the hyphen at 63 would end it, so it goes too
        QVERIFY(TopologyNameRule::isLabel(label));
    }

    void fromAddress()
    {
        QCOMPARE(HostLabel::fromAddress(QStringLiteral("10.10.0.5/32")), QStringLiteral("peer-10-10-0-5"));
        QCOMPARE(HostLabel::fromAddress(QStringLiteral("fd00::5/128")), QStringLiteral("peer-fd00-5"));
        QVERIFY(TopologyNameRule::isLabel(HostLabel::fromAddress(QStringLiteral("fd00::5/128"))));
    }

    void uniqueAddsASuffix()
    {
        QSet<QString> taken{QStringLiteral("bobs-phone"), QStringLiteral("bobs-phone-2")};
        const auto isTaken = [&taken](const QString& name) { return taken.contains(name); };
        QCOMPARE(HostLabel::unique(QStringLiteral("prod"), isTaken), QStringLiteral("prod"));
        QCOMPARE(HostLabel::unique(QStringLiteral("bobs-phone"), isTaken), QStringLiteral("bobs-phone-3"));
        const QString longest(63, QLatin1Char('x'));
        taken.insert(longest);
        const QString suffixed = HostLabel::unique(longest, isTaken);
        QCOMPARE(suffixed.size(), 63);
        QVERIFY(suffixed.endsWith(QLatin1String("-2")));
        QVERIFY(TopologyNameRule::isLabel(suffixed));
    }
};

QTEST_GUILESS_MAIN(TestHostLabel)
#include "TestHostLabel.moc"
