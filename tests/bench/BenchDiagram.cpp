// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-bench-diagram: how long building, updating and drawing the diagram takes for many peers.
// Frames are 1920x1080 drawn by the software rasteriser into a QImage, each the median of the rounds.
// Not a test (no timing is ever asserted); run it by hand or with installer/dev.sh bench and compare the numbers
// between changes. Each step is a function of its own so that callgrind attributes instruction counts to it:
//   valgrind --tool=callgrind build-bench/tests/bench/tunnelscope-bench-diagram 2000
//   callgrind_annotate --inclusive=yes callgrind.out.* | grep step
#include "BenchTiming.h"
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
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int FrameWidth = 1920;
constexpr int FrameHeight = 1080;
constexpr int PanSteps = 12;
constexpr qreal PanStepPixels = 40;

struct Options
{
    int rounds = 5;
    bool json = false;
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
    double panning = 0;  ///< at 100 %, each frame of a drag across the middle
    qsizetype items = 0;
};

using BenchTiming::median;
using BenchTiming::milliseconds;

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

/// The median of several draws of the same frame.
double frameMilliseconds(DiagramView& view, QImage& frame, int rounds)
{
    QList<double> draws;
    for (int round = 0; round < rounds; ++round)
        draws.append(milliseconds([&] { stepDraw(view, frame); }));
    return median(draws);
}

/// The median frame of a drag across the middle at 100 %, one step of the pointer per frame.
double panningMilliseconds(DiagramView& view, QImage& frame, const QPointF& middle)
{
    QList<double> draws;
    for (int step = 0; step < PanSteps; ++step) {
        view.centerOn(middle + QPointF(step * PanStepPixels, step * PanStepPixels / 2));
        draws.append(milliseconds([&] { stepDraw(view, frame); }));
    }
    return median(draws);
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
    QList<double> snapshots;
    QList<double> updates;
    for (int round = 0; round < rounds; ++round) {
        clock.advance(source.pollIntervalSeconds());
        TelemetrySnapshot snapshot;
        snapshots.append(milliseconds([&] { snapshot = stepSnapshot(source); }));
        updates.append(milliseconds([&] { stepApply(network, snapshot); }));
    }
    timings.snapshot = median(snapshots);
    timings.update = median(updates);

    DiagramView view(scene.get());
    view.resize(FrameWidth, FrameHeight);
    QImage frame(FrameWidth, FrameHeight, QImage::Format_ARGB32_Premultiplied);
    view.fitToWindow();
    timings.fitted = frameMilliseconds(view, frame, rounds);
    const QPointF middle = scene->diagramBounds().center();
    view.setTransform(QTransform::fromScale(0.25, 0.25));
    view.centerOn(middle);
    timings.overview = frameMilliseconds(view, frame, rounds);
    view.resetZoom();
    view.centerOn(middle);
    timings.close = frameMilliseconds(view, frame, rounds);
    timings.panning = panningMilliseconds(view, frame, middle);
    if (QGraphicsItem* hub = scene->itemFor({DiagramElement::Kind::Host, hubHostId(topology)}))
        view.centerOn(hub);
    timings.hub = frameMilliseconds(view, frame, rounds);
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
        if (arguments.at(i) == QLatin1String("--json")) {
            options.json = true;
            continue;
        }
        if (arguments.at(i) == QLatin1String("--rounds") && i + 1 < arguments.size()) {
            options.rounds = std::max(1, arguments.at(++i).toInt());
            continue;
        }
        const int peers = arguments.at(i).toInt(&ok);
        if (!ok || peers < 0) {
            std::fprintf(stderr, "usage: tunnelscope-bench-diagram [--rounds N] [--json] [PEERS...]\n");
            std::exit(2);
        }
        options.peerCounts.append(peers);
    }
    if (options.peerCounts.isEmpty())
        options.peerCounts = {200, 2000};
    return options;
}

/// One line of JSON per peer count, for installer/dev.sh bench to gather.
void printJson(int peers, const Timings& t)
{
    const QJsonObject row{{QStringLiteral("peers"), peers}, {QStringLiteral("items"), t.items},
        {QStringLiteral("width"), FrameWidth}, {QStringLiteral("height"), FrameHeight},
        {QStringLiteral("build_scene_ms"), t.build}, {QStringLiteral("demo_apply_restyle_ms"), t.update},
        {QStringLiteral("frame_fitted_ms"), t.fitted}, {QStringLiteral("frame_25_percent_ms"), t.overview},
        {QStringLiteral("frame_100_percent_ms"), t.close}, {QStringLiteral("frame_100_percent_hub_ms"), t.hub},
        {QStringLiteral("frame_panning_ms"), t.panning},
        {QStringLiteral("peak_rss_mb"), peakResidentKilobytes() / 1024.0}};
    std::printf("%s\n", QJsonDocument(row).toJson(QJsonDocument::Compact).constData());
}

void printRow(int peers, const Timings& t)
{
    std::printf("| %5d | %5lld | %7.1f ms | %8.1f ms | %10.1f ms | %12.1f ms | %8.1f ms | %6.1f ms | %7.1f ms "
                "| %13.1f ms | %7.1f ms | %5ld MB |\n",
        peers, static_cast<long long>(t.items), t.synthesis, t.build, t.snapshot, t.update, t.fitted, t.overview,
        t.close, t.hub, t.panning, peakResidentKilobytes() / 1024);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    const Options options = parse(QApplication::arguments());
    if (!options.json) {
        std::printf("| peers | items | synthesise | build scene | demo snapshot | apply + restyle | draw fitted | draw 25%% "
                    "| draw 100%% | draw 100%% at hub | panning | peak RSS |\n");
        std::printf("|------:|------:|-----------:|------------:|--------------:|----------------:|------------:|---------:"
                    "|----------:|-----------------:|--------:|---------:|\n");
    }
    for (int peers : options.peerCounts) {
        const Timings t = bench(peers, options.rounds);
        if (options.json)
            printJson(peers, t);
        else
            printRow(peers, t);
        std::fflush(stdout);
    }
    return 0;
}
