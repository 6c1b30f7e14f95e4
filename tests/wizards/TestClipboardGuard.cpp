// SPDX-License-Identifier: GPL-3.0-or-later
// The application's clipboard guard on the offscreen platform, where QClipboard works within the process.
#include "export/ClipboardGuard.h"
#include "wizards/CodeView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace std::chrono_literals;

namespace {

const QString Secret = QStringLiteral("[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n");

QClipboard* clipboard()
{
    return QGuiApplication::clipboard();
}

bool markedSecret(QClipboard::Mode mode = QClipboard::Clipboard)
{
    const QMimeData* mime = clipboard()->mimeData(mode);
    return mime && mime->data(ClipboardGuard::passwordManagerHintFormat()) == "secret";
}

} // namespace

class TestClipboardGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        clipboard()->clear();
        ClipboardGuard::instance()->setClearDelay(ClipboardGuard::DefaultClearDelay);
    }

    void theGuardBelongsToTheApplication()
    {
        ClipboardGuard* guard = ClipboardGuard::instance();
        QCOMPARE(guard->parent(), qApp);
        QCOMPARE(ClipboardGuard::instance(), guard);
    }

    void secretIsMarkedAndClearedAfterTheDelay()
    {
        ClipboardGuard* guard = ClipboardGuard::instance();
        QSignalSpy cleared(guard, &ClipboardGuard::cleared);
        guard->copy(Secret, true);
        QCOMPARE(clipboard()->text(), Secret);
        QVERIFY(markedSecret());
        QVERIFY(guard->clearPending());
        guard->setClearDelay(1ms); // the injected delay: the pending clear restarts with it
        QTRY_VERIFY(clipboard()->text().isEmpty());
        QCOMPARE(cleared.size(), 1);
        QVERIFY(!guard->clearPending());
    }

    void plainTextIsNeitherMarkedNorCleared()
    {
        ClipboardGuard* guard = ClipboardGuard::instance();
        guard->setClearDelay(1ms);
        guard->copy(QStringLiteral("ufw allow 51820/udp"), false);
        QVERIFY(!markedSecret());
        QVERIFY(!guard->clearPending());
        QTest::qWait(20);
        QCOMPARE(clipboard()->text(), QStringLiteral("ufw allow 51820/udp"));
    }

    void whatTheUserCopiedSinceStays()
    {
        ClipboardGuard* guard = ClipboardGuard::instance();
        QSignalSpy cleared(guard, &ClipboardGuard::cleared);
        guard->copy(Secret, true);
        QVERIFY(guard->clearPending());
        clipboard()->setText(QStringLiteral("the user's own text"));
        QVERIFY(!guard->clearPending());
        guard->setClearDelay(1ms);
        QTest::qWait(20);
        QCOMPARE(clipboard()->text(), QStringLiteral("the user's own text"));
        QCOMPARE(cleared.size(), 0);
    }

    void ctrlCInASecretCodeViewGoesThroughTheGuard()
    {
        auto view = shownView(true);
        QTest::keyClick(view.get(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(view.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard()->text(), Secret);
        QVERIFY(markedSecret());
        QVERIFY(ClipboardGuard::instance()->clearPending());
        ClipboardGuard::instance()->setClearDelay(1ms);
        QTRY_VERIFY(clipboard()->text().isEmpty());
    }

    void contextMenuCopyInASecretCodeViewGoesThroughTheGuard()
    {
        auto view = shownView(true);
        view->selectAll();
        const std::unique_ptr<QMenu> menu(view->createStandardContextMenu());
        auto* copy = menu->findChild<QAction*>(QStringLiteral("edit-copy"));
        QVERIFY(copy);
        QVERIFY(copy->isEnabled());
        copy->trigger();
        QCOMPARE(clipboard()->text(), Secret);
        QVERIFY(markedSecret());
        QVERIFY(ClipboardGuard::instance()->clearPending());
    }

    void ctrlCInAPlainCodeViewIsLeftAlone()
    {
        auto view = shownView(false);
        QTest::keyClick(view.get(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(view.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard()->text(), Secret);
        QVERIFY(!markedSecret());
        QVERIFY(!ClipboardGuard::instance()->clearPending());
    }

    void mouseSelectionOfSecretTextIsGuarded()
    {
        if (!clipboard()->supportsSelection())
            QSKIP("this platform has no selection clipboard (offscreen); TestClipboardGuard.x11 runs it under Xvfb");
        auto view = shownView(true);
        const QPoint start = view->cursorRect(view->textCursor()).center();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(view->viewport(), start + QPoint(200, 0));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(200, 0));
        QVERIFY(!clipboard()->text(QClipboard::Selection).isEmpty());
        QVERIFY(markedSecret(QClipboard::Selection));
        QVERIFY(ClipboardGuard::instance()->clearPending(QClipboard::Selection));
        ClipboardGuard::instance()->setClearDelay(1ms);
        QTRY_VERIFY(clipboard()->text(QClipboard::Selection).isEmpty());
    }

    // Last: it runs the application's event loop to its end.
    void quitClearsASecretStillThere()
    {
        ClipboardGuard::instance()->copy(Secret, true);
        QVERIFY(ClipboardGuard::instance()->clearPending());
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        QCoreApplication::exec(); // emits aboutToQuit on its way out, as the application's own does
        QVERIFY(clipboard()->text().isEmpty());
    }

private:
    static std::unique_ptr<CodeView> shownView(bool secret)
    {
        auto view = std::make_unique<CodeView>();
        view->setPlainText(Secret);
        view->setSecret(secret);
        view->show();
        view->activateWindow();
        view->setFocus();
        if (!QTest::qWaitForWindowExposed(view.get()))
            qWarning("the code view was not exposed");
        return view;
    }
};

QTEST_MAIN(TestClipboardGuard)
#include "TestClipboardGuard.moc"
