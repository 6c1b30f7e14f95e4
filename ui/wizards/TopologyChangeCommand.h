// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QUndoCommand>

#include <functional>

/** An undoable change of the whole document: keeps the topology before and after (cheap: a few kB of values). */
class TopologyChangeCommand final : public QUndoCommand
{
public:
    using Apply = std::function<QString(const Topology&)>;

    /// alreadyApplied: the change is in effect already (the wizard saved it), so the push must not apply it again.
    TopologyChangeCommand(const QString& text, Topology before, Topology after, Apply apply, bool alreadyApplied = false);

    void undo() override;
    void redo() override;

private:
    Topology m_before;
    Topology m_after;
    Apply m_apply;
    bool m_skipRedo;
};
