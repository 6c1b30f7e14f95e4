// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiError.h"

/** The answer to GET /ready. A 503 while Loki starts is "not ready" with the server's reason in error. */
struct LokiReadyResult
{
    quint64 requestId = 0;
    bool ready = false;
    int latencyMs = -1;
    LokiError error;
};
