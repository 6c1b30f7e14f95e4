// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class CliContext;

/** One command group of tunnelscope-cli ("topology", "status", "peer", ...). */
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0; ///< one line for the overall --help
    /// arguments start with the command's own name, like argv. Returns the exit status.
    virtual int run(const QStringList& arguments, CliContext& context) = 0;
};
