// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/RateUnit.h"

RateUnit RateUnit::forMaximum(double bytesPerSecond)
{
    static const char* const names[] = {"B/s", "kB/s", "MB/s", "GB/s"};
    RateUnit unit;
    for (int index = 0; index < 4; ++index) {
        unit.name = QString::fromLatin1(names[index]);
        if (bytesPerSecond < unit.divisor * 1000 || index == 3)
            break;
        unit.divisor *= 1000;
    }
    return unit;
}
