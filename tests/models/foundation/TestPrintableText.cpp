// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/PrintableText.h"

#include <QTest>

class TestPrintableText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << "Failed password for root" << "Failed password for root";
        QTest::newRow("osc title") << QStringLiteral("x\x1b]0;pwned\x07y") << "x\\x1b]0;pwned\\x07y";
        QTest::newRow("cr lf tab") << "a\r\nb\tc" << "a\\r\\nb\\tc";
        QTest::newRow("del and c1") << QStringLiteral("a\x7f\u009b2J") << "a\\x7f\\x9b2J";
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << "a\\u2028b";
        QTest::newRow("nul") << QString(QChar(0)) << "\\x00";
        QTest::newRow("backslash kept") << "C:\\dir" << "C:\\dir";
        QTest::newRow("unicode kept") << QStringLiteral("caf\u00e9 \U0001F600") << QStringLiteral("caf\u00e9 \U0001F600");
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, escaped);
        QCOMPARE(PrintableText::escaped(text), escaped);
        QVERIFY(!PrintableText::hasControl(PrintableText::escaped(text)));
        QCOMPARE(PrintableText::hasControl(text), text != escaped);
    }

    void tabsMayStay()
    {
        QCOMPARE(PrintableText::escaped(u"a\tb\r", PrintableText::Tabs::Keep), QStringLiteral("a\tb\\r"));
    }
};

QTEST_GUILESS_MAIN(TestPrintableText)
#include "TestPrintableText.moc"
