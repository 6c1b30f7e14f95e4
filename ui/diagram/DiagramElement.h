// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** What is selected in the diagram, the tree or the detail panel: a kind and the id the models use for it. */
struct DiagramElement
{
    enum class Kind { None, Segment, Host, Tunnel, Flow, UnknownPeer };

    Kind kind = Kind::None;
    QString id;

    bool isNone() const { return kind == Kind::None; }
    friend bool operator==(const DiagramElement&, const DiagramElement&) = default;
};
