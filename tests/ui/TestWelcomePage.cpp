// SPDX-License-Identifier: GPL-3.0-or-later
// The first-run page: three ways in, each a large button reachable from the keyboard, in place of the diagram
// while no topology is open; what the window does with each, and what it remembers for the next start.
#include "DiagramTestHelpers.h"
#include "MainWindow.h"
#include "WelcomeTestHelpers.h"
#include "diagram/DiagramScene.h"
#include "topology/TopologyFile.h"
#include "welcome/StartActions.h"
#include "welcome/StartupChoice.h"
#include "welcome/StartupMemory.h"
#include "welcome/WelcomePage.h"
#include "wizards/UserPrompts.h"

#include <QCommandLinkButton>
#include <QDockWidget>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUrl>

namespace {

/// Answers the file questions without a dialog.
class FilePrompts final : public UserPrompts
{
public:
    QString file;
    QStringList informed;

    QString chooseFile(QWidget*, const QString&, const QString&) override { return file; }
    void inform(QWidget*, const QString&, const QString& text) override { informed.append(text); }
};

} // namespace

class TestWelcomePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void threeLargeButtonsWithExplanations();
    void keyboardReachesEveryButton();
    void dropOfAServerConfigIsOffered();
    void windowShowsItInPlaceOfTheDiagram();
    void demoButtonOpensTheDemoAndIsRemembered();
    void openButtonOpensAFileAndIsRemembered();
    void startupChoiceFollowsTheMemory();
    void screenshotRunRemembersNothing();

private:
    MainWindow::SourceFactory demoFactory();

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    ManualClock m_clock;
    FilePrompts m_prompts;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
};

MainWindow::SourceFactory TestWelcomePage::demoFactory()
{
    return [this](const Topology& topology, const QString&) -> std::unique_ptr<TelemetrySource> {
        return std::make_unique<DemoTelemetrySource>(topology, &m_clock);
    };
}

void TestWelcomePage::initTestCase()
{
    WelcomeTestHelpers::isolateSettings(m_settings.path());
}

void TestWelcomePage::init()
{
    m_prompts = FilePrompts();
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = WelcomeTestHelpers::welcomeWindow(m_network.get(), demoFactory(), &m_prompts);
    QVERIFY(m_window);
}

void TestWelcomePage::cleanup()
{
    m_window.reset();
    m_network.reset();
}

void TestWelcomePage::threeLargeButtonsWithExplanations()
{
    WelcomePage* page = m_window->startActions()->welcomePage();
    const QList<QCommandLinkButton*> buttons = page->findChildren<QCommandLinkButton*>();
    QCOMPARE(buttons.size(), 3);
    QStringList texts;
    for (QCommandLinkButton* button : buttons) {
        QVERIFY(button->isVisible());
        QVERIFY2(!button->description().isEmpty(), qPrintable(button->text()));
        QVERIFY(!button->icon().isNull());
        QVERIFY(button->height() >= 48); // large, not a toolbar button
        texts.append(button->text().remove(QLatin1Char('&')));
    }
    QCOMPARE(texts, (QStringList{QStringLiteral("New from Server Config…"), QStringLiteral("Open a Topology…"),
                        QStringLiteral("Explore the Demo")}));
    // Centred in the window.
    const QRect panel = buttons.constFirst()->parentWidget()->geometry();
    QVERIFY(qAbs(panel.center().x() - page->width() / 2) <= 2);
}

void TestWelcomePage::keyboardReachesEveryButton()
{
    WelcomePage* page = m_window->startActions()->welcomePage();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_COMPARE(QApplication::focusWidget(), page->fromServerButton());
    QSignalSpy fromServer(page, &WelcomePage::fromServerConfigRequested);
    QSignalSpy open(page, &WelcomePage::openRequested);
    QSignalSpy demo(page, &WelcomePage::demoRequested);
    // Disconnected from the window's actions, so only the page's own signals are counted.
    page->disconnect(m_window->startActions());

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(fromServer.size(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), page->openButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(open.size(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), page->demoButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(demo.size(), 1);
    // Enter too, on the focused button.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(demo.size(), 2);
}

void TestWelcomePage::dropOfAServerConfigIsOffered()
{
    WelcomePage* page = m_window->startActions()->welcomePage();
    page->disconnect(m_window->startActions());
    QSignalSpy dropped(page, &WelcomePage::serverConfigDropped);
    auto drop = [page](const QString& path) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(page, &enter);
        QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(page, &dropEvent);
        return enter.isAccepted();
    };
    QVERIFY(!drop(m_dir.filePath(QStringLiteral("picture.png"))));
    QCOMPARE(dropped.size(), 0);
    QVERIFY(drop(m_dir.filePath(QStringLiteral("wg0.conf"))));
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.constFirst().constFirst().toString(), m_dir.filePath(QStringLiteral("wg0.conf")));
}

void TestWelcomePage::windowShowsItInPlaceOfTheDiagram()
{
    StartActions* start = m_window->startActions();
    QVERIFY(start->isWelcomeShown());
    QCOMPARE(start->centralWidget(), m_window->centralWidget());
    QVERIFY(start->welcomePage()->isVisible());
    QVERIFY(!m_window->findChild<QDockWidget*>(QStringLiteral("networkDock"))->isVisible());
    QVERIFY(!m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"))->isVisible());
    QVERIFY(!m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"))->isVisible());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Welcome")));
    // The File menu offers the same ways in.
    QVERIFY(start->newFromServerAction()->isEnabled());
    QCOMPARE(start->newFromServerAction()->text().remove(QLatin1Char('&')), QStringLiteral("New from Server Config…"));
}

void TestWelcomePage::demoButtonOpensTheDemoAndIsRemembered()
{
    StartActions* start = m_window->startActions();
    start->welcomePage()->demoButton()->click();
    QVERIFY(!start->isWelcomeShown());
    QCOMPARE(m_window->scene()->cards().size(), TopologyFile::referenceDeployment().hosts.size());
    QVERIFY(m_window->documentPath().isEmpty());
    QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("networkDock"))->isVisible());
    QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"))->isVisible());
    QVERIFY(m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"))->isVisible());
    QVERIFY(StartupMemory::demoChosen());
    QVERIFY(StartupMemory::lastTopology().isEmpty());
}

void TestWelcomePage::openButtonOpensAFileAndIsRemembered()
{
    const QString path = m_dir.filePath(QStringLiteral("mine.json"));
    Topology topology = TopologyFile::referenceDeployment();
    topology.name = QStringLiteral("Mine");
    QVERIFY(TopologyFile::save(path, topology).isEmpty());

    StartActions* start = m_window->startActions();
    start->welcomePage()->openButton()->click(); // cancelled: nothing changes
    QVERIFY(start->isWelcomeShown());
    m_prompts.file = m_dir.filePath(QStringLiteral("missing.json"));
    start->welcomePage()->openButton()->click();
    QVERIFY(start->isWelcomeShown());
    QCOMPARE(m_prompts.informed.size(), 1);

    m_prompts.file = path;
    start->welcomePage()->openButton()->click();
    QVERIFY(!start->isWelcomeShown());
    QCOMPARE(m_window->documentPath(), path);
    QCOMPARE(m_window->document().name, QStringLiteral("Mine"));
    QCOMPARE(StartupMemory::lastTopology(), path);
    // Paths only: nothing of the topology itself is kept in the settings.
    QSettings settings;
    for (const QString& key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(topology.interfaces.constFirst().publicKey), qPrintable(key));
}

void TestWelcomePage::startupChoiceFollowsTheMemory()
{
    QVERIFY(StartupChoice::remembered().welcome); // first run
    StartupMemory::rememberDemo();
    StartupChoice demo = StartupChoice::remembered();
    QVERIFY(!demo.welcome);
    QVERIFY(demo.path.isEmpty());
    QCOMPARE(demo.topology, TopologyFile::referenceDeployment());

    const QString path = m_dir.filePath(QStringLiteral("last.json"));
    QVERIFY(TopologyFile::save(path, TopologyFile::referenceDeployment()).isEmpty());
    StartupMemory::rememberTopology(path);
    QVERIFY(!StartupMemory::demoChosen());
    const StartupChoice last = StartupChoice::remembered();
    QVERIFY(!last.welcome);
    QCOMPARE(last.path, path);

    // Gone since: the welcome page again, saying why.
    QVERIFY(QFile::remove(path));
    const StartupChoice gone = StartupChoice::remembered();
    QVERIFY(gone.welcome);
    QVERIFY2(gone.notice.contains(path), qPrintable(gone.notice));
    m_window->showWelcome(gone.notice);
    QCOMPARE(m_window->startActions()->welcomePage()->notice(), gone.notice);
}

void TestWelcomePage::screenshotRunRemembersNothing()
{
    // The real app, its settings in a folder of its own: `--topology X --screenshot F` must not make X the way in
    // of the next start (it would open instead of the welcome page, or of what the user opened last).
    QTemporaryDir home;
    const QString topologyPath = home.filePath(QStringLiteral("shot.json"));
    Topology topology = TopologyFile::referenceDeployment();
    topology.dataSources.clear(); // nothing to poll: the test talks to no network
    QCOMPARE(TopologyFile::save(topologyPath, topology), QString());
    const QString configHome = home.filePath(QStringLiteral("config"));
    const QString settingsFile = configHome + QStringLiteral("/Tunnelscope/tunnelscope.conf");
    const QString earlier = home.filePath(QStringLiteral("earlier.json"));
    {
        QSettings seeded(settingsFile, QSettings::IniFormat);
        seeded.setValue(QStringLiteral("startup/lastTopology"), earlier);
    }
    QProcess app;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(environment);
    const QString png = home.filePath(QStringLiteral("shot.png"));
    app.start(QStringLiteral(TUNNELSCOPE_APP_PATH), {QStringLiteral("--topology"), topologyPath,
        QStringLiteral("--screenshot"), png});
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(!QImage(png).isNull());
    const QSettings after(settingsFile, QSettings::IniFormat);
    QCOMPARE(after.value(QStringLiteral("startup/lastTopology")).toString(), earlier);
    QVERIFY(!after.contains(QStringLiteral("startup/demo")));
}

QTEST_MAIN(TestWelcomePage)
#include "TestWelcomePage.moc"
