// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** Loki's `direction`: backward is newest first (Loki's default), forward oldest first. */
enum class LokiDirection { Backward, Forward };

inline QString lokiDirectionName(LokiDirection direction)
{
    return direction == LokiDirection::Forward ? QStringLiteral("forward") : QStringLiteral("backward");
}
