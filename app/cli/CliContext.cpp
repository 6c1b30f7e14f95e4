// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliContext.h"

CliContext::CliContext(QTextStream& out, QTextStream& err, const Clock* clock)
    : m_out(out)
    , m_err(err)
    , m_clock(clock)
{
}

int CliContext::fail(const QString& message, int status)
{
    m_err << "tunnelscope-cli: " << message << Qt::endl;
    return status;
}
