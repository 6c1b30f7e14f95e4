// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

/** Running the real WireGuard tools (and other programs) from tests, always with a time limit. */
namespace WireGuardTools {

struct Run
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;

    bool ok() const { return finished && exitCode == 0; }
    QString describe() const; ///< for failure messages
};

bool available(const QString& program);
Run run(const QString& program, const QStringList& arguments, const QByteArray& input = {}, int timeoutMs = 20000);
/// `wg-quick strip` on the text, saved as wg0.conf (mode 0600) in a temporary folder, as wg-quick insists.
Run wgQuickStrip(const QString& configText);
bool isRoot();

} // namespace WireGuardTools
