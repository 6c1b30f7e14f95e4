// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

/** A network segment: drawn as a labelled region that holds hosts and, for nesting, other segments. */
struct Segment
{
    enum class Kind { Internet, PublicCloud, HomeNetwork, Hypervisor, Vpn, Other };

    QString id;
    QString name;
    Kind kind = Kind::Other;
    QString cidr;     ///< e.g. 192.168.x.x or 10.10.0.0/24; free text where the user masked it
    QString parentId; ///< the enclosing segment, empty at the top level

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    static QStringList kindNames();

    friend bool operator==(const Segment&, const Segment&) = default;
};
