// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiError.h"
#include "loki/LokiLabelQuery.h"

#include <QStringList>

struct LokiLabelResult
{
    quint64 requestId = 0;
    LokiLabelQuery query;
    QStringList values;
    LokiError error;
};
