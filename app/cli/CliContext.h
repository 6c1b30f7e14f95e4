// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTextStream>

class Clock;

/** What every command gets: the streams to write to and the clock. Lets tests run commands in-process. */
class CliContext
{
public:
    CliContext(QTextStream& out, QTextStream& err, const Clock* clock);

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    const Clock* clock() const { return m_clock; }
    /// Writes "tunnelscope-cli: message" to err and returns the exit status to use.
    int fail(const QString& message, int status = 1);

private:
    QTextStream& m_out;
    QTextStream& m_err;
    const Clock* m_clock;
};
