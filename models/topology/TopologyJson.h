// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"
#include "topology/TopologyError.h"

#include <QByteArray>
#include <QList>

/** The outcome of reading a topology: the topology when it is valid, else every problem found. */
struct TopologyParseResult
{
    Topology topology;
    QList<TopologyError> errors;

    bool ok() const { return errors.isEmpty(); }
};

/** The versioned JSON form of a topology (format documented in README.md). Pure functions. */
namespace TopologyJson {

inline constexpr char FormatName[] = "tunnelscope-topology";

QByteArray write(const Topology& topology);
TopologyParseResult read(const QByteArray& json);

} // namespace TopologyJson
