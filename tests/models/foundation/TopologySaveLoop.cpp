// SPDX-License-Identifier: GPL-3.0-or-later
// Helper for TestTopologyFile: saves two versions of a big topology to FILE in turn, as fast as it can, until it
// is killed. It prints "saving" once the first save is done, so that the test's kills land among later ones.
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    if (argc != 3)
        return 2;
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int peers = QString::fromLatin1(argv[2]).toInt();
    Topology first = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), peers);
    Topology second = first;
    first.name = QStringLiteral("old");
    second.name = QStringLiteral("new");
    for (unsigned round = 0;; ++round) {
        if (const QString error = TopologyFile::save(path, round % 2 ? second : first); !error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        if (round == 0) {
            std::puts("saving");
            std::fflush(stdout);
        }
    }
}
