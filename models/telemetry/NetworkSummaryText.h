// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/NetworkState.h"

#include <QString>

/** The whole network in one line, as the status bar and the legend say it: "2,002 peers: 2,001 online, 1 stale". */
namespace NetworkSummaryText {

QString describe(const NetworkState::Summary& summary);
/// A count with thousands separators, the same on every desktop locale: "2,001".
QString count(int value);

} // namespace NetworkSummaryText
