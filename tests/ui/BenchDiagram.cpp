// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-bench-diagram: how long building, updating and drawing the diagram takes for many peers.
// Not a test (no timing is ever asserted); run it by hand and compare the numbers between changes.
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <cstdio>

namespace {

constexpr int UpdateRounds = 5;

template<typename Work>
double milliseconds(Work&& work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed() / 1e6;
}

void bench(int peers)
{
    ManualClock clock;
    const Topology base = TopologyFile::referenceDeployment();
    Topology topology;
    const double synthesis = milliseconds([&] { topology = SyntheticTopology::withCollectors(base, peers); });

    NetworkState network(&clock);
    std::unique_ptr<DiagramScene> scene;
    const double build = milliseconds([&] {
        network.setTopology(topology);
        scene = std::make_unique<DiagramScene>(&network);
    });

    DemoTelemetrySource source(topology, &clock);
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    double snapshots = 0;
    double updates = 0;
    for (int round = 0; round < UpdateRounds; ++round) {
        clock.advance(source.pollIntervalSeconds());
        TelemetrySnapshot snapshot;
        snapshots += milliseconds([&] { snapshot = source.takeSnapshot(); });
        updates += milliseconds([&] { network.applySnapshot(snapshot); });
    }

    DiagramView view(scene.get());
    view.resize(1600, 1000);
    view.fitToWindow();
    QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    const double fitDraw = milliseconds([&] {
        QPainter painter(&frame);
        view.render(&painter);
    });
    view.resetZoom();
    const double closeDraw = milliseconds([&] {
        QPainter painter(&frame);
        view.render(&painter);
    });

    std::printf("%5d peers: synthesise %7.1f ms | build scene %7.1f ms | demo snapshot %6.1f ms | "
                "apply + restyle %7.1f ms | draw fitted %7.1f ms | draw 100%% %6.1f ms  (%lld items)\n",
        peers, synthesis, build, snapshots / UpdateRounds, updates / UpdateRounds, fitDraw, closeDraw,
        static_cast<long long>(scene->items().size()));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    for (int peers : {200, 2000})
        bench(peers);
    return 0;
}
