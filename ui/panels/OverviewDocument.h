// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"

#include <QString>

class DiagramPalette;
class NetworkState;

/** The Overview tab's text for any element, as HTML: state with its reason, addresses, public keys, services, flows. */
namespace OverviewDocument {

struct Document
{
    QString title;
    QString subtitle;
    QString html;
};

Document build(const DiagramElement& element, const NetworkState& network, const DiagramPalette& palette);

} // namespace OverviewDocument
