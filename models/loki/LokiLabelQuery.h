// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** Label names (labelName empty) or the values of one label. Zero times leave Loki's default (the last 6 h). */
struct LokiLabelQuery
{
    QString labelName;
    qint64 startNs = 0;
    qint64 endNs = 0;

    friend bool operator==(const LokiLabelQuery&, const LokiLabelQuery&) = default;
};
