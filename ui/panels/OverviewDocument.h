// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"

#include <QList>
#include <QString>

class DiagramPalette;
class NetworkState;

/**
 * The Overview tab's text for any element: state with its reason, addresses, public keys, services, flows. Kept as
 * sections of key-value rows, so that a view can tell new numbers (the same layout) from a new page.
 */
namespace OverviewDocument {

/// A hub's tunnels shown at first, and added per "Show more": each is a table of a dozen rows.
constexpr int TunnelPage = 50;
/// The link of "Show more" under a hub's tunnels.
inline const QString MoreTunnelsLink = QStringLiteral("tunnelscope:more-tunnels");

struct Row
{
    QString key;
    QString valueHtml;

    friend bool operator==(const Row&, const Row&) = default;
};

/// A heading (may be empty), a table of rows (may be empty), then any HTML (lists).
struct Section
{
    QString heading;
    QList<Row> rows;
    QString extraHtml;
};

struct Document
{
    QString title;
    QString subtitle;
    QList<Section> sections;

    QString html() const;
    /// Everything but the rows' values: two documents with the same key differ only in their value cells.
    QString layoutKey() const;
};

/// tunnelLimit: how many of a host's tunnels get their table; the others are counted.
Document build(const DiagramElement& element, const NetworkState& network, const DiagramPalette& palette,
    int tunnelLimit = TunnelPage);

} // namespace OverviewDocument
