// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/TopologyChangeCommand.h"

TopologyChangeCommand::TopologyChangeCommand(const QString& text, Topology before, Topology after, Apply apply, bool alreadyApplied)
    : QUndoCommand(text)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_apply(std::move(apply))
    , m_skipRedo(alreadyApplied)
{
}

void TopologyChangeCommand::undo()
{
    m_apply(m_before);
}

void TopologyChangeCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_apply(m_after);
}
