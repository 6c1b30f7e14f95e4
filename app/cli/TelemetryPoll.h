// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/SourceStatus.h"

class CliContext;
class DataSourceOptions;
class NetworkState;

/** One poll of the chosen data source joined into a NetworkState, bounded by the options' timeout. */
namespace TelemetryPoll {

SourceStatus once(NetworkState& state, DataSourceOptions& options, CliContext& context);

} // namespace TelemetryPoll
