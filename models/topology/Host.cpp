// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Host.h"

const Service* Host::service(const QString& serviceId) const
{
    for (const auto& candidate : services) {
        if (candidate.id == serviceId)
            return &candidate;
    }
    return nullptr;
}
