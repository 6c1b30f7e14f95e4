// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-bench-diagram: how long building, updating and drawing the diagram takes for many peers.
// Not a test (no timing is ever asserted); run it by hand or with installer/dev.sh bench and compare the numbers
// between changes. Each step is a function of its own so that callgrind attributes instruction counts to it:
//   valgrind --tool=callgrind build-bench/tests/bench/tunnelscope-bench-diagram 2000
//   callgrind_annotate --inclusive=yes callgrind.out.* | grep step
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "itemmodels/TopologyTreeModel.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <sys/resource.h>

#include <cstdio>

namespace {

struct Options
{
    int rounds = 5;
    QList<int> peerCounts;
};

struct Timings
{
    double synthesis = 0;
    double build = 0;
    double snapshot = 0;
    double update = 0; ///< per round: the network joins the snapshot, the scene and the tree restyle
    double fitted = 0;
    double overview = 0; ///< at 25 %: cards readable as shapes, labels hidden
    double hub = 0;      ///< at 100 % centred on the hub, where every tunnel ends
    double close = 0;    ///< at 100 % centred on the diagram
    qsizetype items = 0;
};

template<typename Work>
double milliseconds(Work&& work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed() / 1e6;
}

// The steps, never inlined: callgrind reports each one's instructions under its own name.

[[gnu::noinline]] Topology stepSynthesise(int peers)
{
    return SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), peers);
}

[[gnu::noinline]] void stepBuild(NetworkState& network, const Topology& topology, std::unique_ptr<DiagramScene>& scene,
    std::unique_ptr<TopologyTreeModel>& tree)
{
    network.setTopology(topology);
    scene = std::make_unique<DiagramScene>(&network);
    tree = std::make_unique<TopologyTreeModel>(&network);
}

[[gnu::noinline]] TelemetrySnapshot stepSnapshot(DemoTelemetrySource& source)
{
    return source.takeSnapshot();
}

[[gnu::noinline]] void stepApply(NetworkState& network, const TelemetrySnapshot& snapshot)
{
    network.applySnapshot(snapshot);
}

[[gnu::noinline]] void stepDraw(DiagramView& view, QImage& frame)
{
    QPainter painter(&frame);
    view.render(&painter);
}

QString hubHostId(const Topology& topology)
{
    for (const auto& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            return wgInterface.hostId;
    }
    return {};
}

Timings bench(int peers, int rounds)
{
    Timings timings;
    ManualClock clock;
    Topology topology;
    timings.synthesis = milliseconds([&] { topology = stepSynthesise(peers); });

    NetworkState network(&clock);
    std::unique_ptr<DiagramScene> scene;
    std::unique_ptr<TopologyTreeModel> tree;
    timings.build = milliseconds([&] { stepBuild(network, topology, scene, tree); });

    DemoTelemetrySource source(topology, &clock);
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    for (int round = 0; round < rounds; ++round) {
        clock.advance(source.pollIntervalSeconds());
        TelemetrySnapshot snapshot;
        timings.snapshot += milliseconds([&] { snapshot = stepSnapshot(source); });
        timings.update += milliseconds([&] { stepApply(network, snapshot); });
    }
    timings.snapshot /= rounds;
    timings.update /= rounds;

    DiagramView view(scene.get());
    view.resize(1600, 1000);
    QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    view.fitToWindow();
    timings.fitted = milliseconds([&] { stepDraw(view, frame); });
    const QPointF middle = scene->diagramBounds().center();
    view.setTransform(QTransform::fromScale(0.25, 0.25));
    view.centerOn(middle);
    timings.overview = milliseconds([&] { stepDraw(view, frame); });
    view.resetZoom();
    view.centerOn(middle);
    timings.close = milliseconds([&] { stepDraw(view, frame); });
    if (QGraphicsItem* hub = scene->itemFor({DiagramElement::Kind::Host, hubHostId(topology)}))
        view.centerOn(hub);
    timings.hub = milliseconds([&] { stepDraw(view, frame); });
    timings.items = scene->items().size();
    return timings;
}

long peakResidentKilobytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

Options parse(const QStringList& arguments)
{
    Options options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        bool ok = false;
        if (arguments.at(i) == QLatin1String("--rounds") && i + 1 < arguments.size()) {
            options.rounds = std::max(1, arguments.at(++i).toInt());
            continue;
        }
        const int peers = arguments.at(i).toInt(&ok);
        if (!ok || peers < 0) {
            std::fprintf(stderr, "usage: tunnelscope-bench-diagram [--rounds N] [PEERS...]\n");
            std::exit(2);
        }
        options.peerCounts.append(peers);
    }
    if (options.peerCounts.isEmpty())
        options.peerCounts = {200, 2000};
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    const Options options = parse(QApplication::arguments());
    std::printf("| peers | items | synthesise | build scene | demo snapshot | apply + restyle | draw fitted | draw 25%% "
                "| draw 100%% | draw 100%% at hub | peak RSS |\n");
    std::printf("|------:|------:|-----------:|------------:|--------------:|----------------:|------------:|---------:"
                "|----------:|-----------------:|---------:|\n");
    for (int peers : options.peerCounts) {
        const Timings t = bench(peers, options.rounds);
        std::printf("| %5d | %5lld | %7.1f ms | %8.1f ms | %10.1f ms | %12.1f ms | %8.1f ms | %6.1f ms | %7.1f ms "
                    "| %13.1f ms | %5ld MB |\n",
            peers, static_cast<long long>(t.items), t.synthesis, t.build, t.snapshot, t.update, t.fitted, t.overview,
            t.close, t.hub, peakResidentKilobytes() / 1024);
        std::fflush(stdout);
    }
    return 0;
}
