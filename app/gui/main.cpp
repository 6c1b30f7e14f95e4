// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope: the desktop app. Composition only: which topology, which telemetry source, which window.
#include "DarkPalette.h"
#include "FirstFrameExit.h"
#include "MainWindow.h"
#include "core/ProcessHardening.h"
#include "core/SystemClock.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "layout/GroupCollapse.h"
#include "secrets/KeychainSecretStore.h"
#include "sources/LiveTelemetrySourceFactory.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"
#include "welcome/StartupChoice.h"
#include "welcome/StartupMemory.h"

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QThread>

#include <sodium.h>

#include <cstdio>

namespace {

constexpr int ScreenshotWidth = 1600;
constexpr int ScreenshotHeight = 1000;
constexpr int ScreenshotWaitMs = 5000;

struct Options
{
    QString topologyPath;
    bool demo = false;
    bool dark = false;
    bool welcome = false;
    bool exitAfterFirstFrame = false;
    QString screenshotPath;
    int peers = 0;
    int groupLimit = 0; ///< 0: the settings' value
};

/// Parses the command line; exits with a message on a bad one (QCommandLineParser's --help/--version do too).
Options parseOptions(const QCoreApplication& application)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Live map of a WireGuard-connected monitoring network."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption topology(QStringLiteral("topology"),
        QStringLiteral("Open this topology file instead of the embedded reference deployment."), QStringLiteral("FILE"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Draw demo data, labelled as such, instead of the topology's data sources."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Render the main window with data loaded to this PNG file and exit."), QStringLiteral("FILE"));
    const QCommandLineOption peers(QStringLiteral("peers"),
        QStringLiteral("Add N synthetic collector hosts to the hub (benchmarks, screenshots)."), QStringLiteral("N"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use a dark palette (to check dark desktop themes)."));
    const QCommandLineOption welcome(QStringLiteral("welcome"),
        QStringLiteral("Start on the welcome page (open, new from server config, demo) whatever was opened last."));
    const QCommandLineOption groupLimit(QStringLiteral("group-limit"),
        QStringLiteral("Draw segments of more than N hosts as one card (default: the setting diagram/groupLimit, else 40)."),
        QStringLiteral("N"));
    QCommandLineOption firstFrame(QStringLiteral("exit-after-first-frame"), QStringLiteral("Quit once the window has painted (start-up benchmark)."));
    firstFrame.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({topology, demo, screenshot, peers, dark, welcome, groupLimit, firstFrame});
    parser.process(application);

    Options options;
    options.topologyPath = parser.value(topology);
    options.demo = parser.isSet(demo);
    options.dark = parser.isSet(dark);
    options.welcome = parser.isSet(welcome);
    options.exitAfterFirstFrame = parser.isSet(firstFrame);
    options.screenshotPath = parser.value(screenshot);
    if (parser.isSet(peers)) {
        bool ok = false;
        options.peers = parser.value(peers).toInt(&ok);
        if (!ok || options.peers < 0 || options.peers > 10000) {
            std::fprintf(stderr, "tunnelscope: --peers wants a number from 0 to 10000, not \"%s\"\n", qPrintable(parser.value(peers)));
            std::exit(2);
        }
    }
    if (parser.isSet(groupLimit)) {
        bool ok = false;
        options.groupLimit = parser.value(groupLimit).toInt(&ok);
        if (!ok || options.groupLimit < 1) {
            std::fprintf(stderr, "tunnelscope: --group-limit wants a number of hosts from 1 up, not \"%s\"\n",
                qPrintable(parser.value(groupLimit)));
            std::exit(2);
        }
    }
    return options;
}

/// The source behind "Demo data". Which source is shown (demo or a data source) is the window's choice.
MainWindow::SourceFactory demoSourceFactory()
{
    return [](const Topology& topology, const QString&) -> std::unique_ptr<TelemetrySource> {
        return std::make_unique<DemoTelemetrySource>(topology, SystemClock::instance());
    };
}

/// A file given on the command line; the reference deployment for the demo, screenshots and synthetic peers (as
/// always); else the way in remembered from last time, which on a first run is the welcome page.
StartupChoice decideStart(const Options& options)
{
    StartupChoice start;
    if (options.welcome) {
        start.welcome = true;
        return start;
    }
    if (!options.topologyPath.isEmpty() || options.demo || !options.screenshotPath.isEmpty() || options.peers > 0) {
        start.topology = TopologyFile::referenceDeployment();
        start.path = options.topologyPath;
        return start;
    }
    return StartupChoice::remembered();
}

int takeScreenshot(MainWindow& window, NetworkState& network, const QString& path)
{
    window.resize(ScreenshotWidth, ScreenshotHeight);
    window.show();
    // Bounded wait for the first snapshot to be drawn.
    const QDeadlineTimer deadline(ScreenshotWaitMs);
    const bool expectData = window.source() != nullptr;
    while (expectData && !network.lastUpdate().isValid() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    for (int round = 0; round < 5; ++round)
        QApplication::processEvents();
    // Show what a click gives: the first tunnel's client in the detail panel.
    if (!network.tunnels().isEmpty())
        window.scene()->select({DiagramElement::Kind::Host, network.tunnels().constFirst().clientHostId});
    window.view()->fitToWindow();
    QApplication::processEvents();
    if (!window.grab().save(path, "PNG")) {
        std::fprintf(stderr, "tunnelscope: cannot write the screenshot to %s\n", qPrintable(path));
        return 1;
    }
    return 0;
}

/// --help and --version print text and exit: they must work without a display, e.g. over SSH.
bool asksForTextOnly(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QLatin1String argument(argv[i]);
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")
            || argument == QLatin1String("--help-all") || argument == QLatin1String("--version")
            || argument == QLatin1String("-v"))
            return true;
    }
    return false;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Tunnelscope"));
    QCoreApplication::setApplicationName(QStringLiteral("tunnelscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNNELSCOPE_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps();
    if (asksForTextOnly(argc, argv)) {
        QCoreApplication application(argc, argv);
        setIdentity();
        parseOptions(application);
        return 0;
    }
    QApplication application(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Tunnelscope"));
    QApplication::setDesktopFileName(QStringLiteral(TUNNELSCOPE_APP_ID));
    if (sodium_init() < 0) {
        std::fputs("tunnelscope: libsodium could not be initialised\n", stderr);
        return 1;
    }
    const Options options = parseOptions(application);
    if (options.dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(DarkPalette::make());
    }

    StartupChoice start = decideStart(options);
    if (!options.topologyPath.isEmpty()) {
        const TopologyParseResult result = TopologyFile::load(options.topologyPath);
        if (!result.ok()) {
            std::fprintf(stderr, "tunnelscope: %s is not a usable topology:\n%s\n", qPrintable(options.topologyPath),
                qPrintable(TopologyError::describe(result.errors, 20)));
            return 1;
        }
        start.topology = result.topology;
    }
    if (options.peers > 0)
        start.topology = SyntheticTopology::withCollectors(start.topology, options.peers);

    NetworkState network(SystemClock::instance());
    KeychainSecretStore secrets;
    QNetworkAccessManager networkAccess;
    MainWindow window(&network, demoSourceFactory());
    window.setSecretStore(&secrets);
    window.setLiveSourceFactory(std::make_unique<LiveTelemetrySourceFactory>(&networkAccess, SystemClock::instance()));
    window.setStartWithDemo(options.demo);
    window.scene()->setGroupLimit(options.groupLimit > 0
            ? options.groupLimit
            : QSettings().value(QStringLiteral("diagram/groupLimit"), GroupCollapse::DefaultLimit).toInt());
    if (!options.screenshotPath.isEmpty()) {
        // A screenshot is no visit: the next start opens what the user last opened, not the file shot here.
        window.setRememberLayout(false);
        StartupMemory::setEnabled(false);
    }
    if (start.welcome) {
        window.restoreLayout();
        window.showWelcome(start.notice);
    } else {
        // A synthetic topology is not the user's file: never save positions into it.
        window.openTopology(start.topology, options.peers > 0 ? QString() : start.path);
        window.restoreLayout();
    }
    if (!options.screenshotPath.isEmpty())
        return takeScreenshot(window, network, options.screenshotPath);
    if (options.exitAfterFirstFrame)
        new FirstFrameExit(&window);
    window.show();
    window.view()->fitToWindow();
    return QApplication::exec();
}
