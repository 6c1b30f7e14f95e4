// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** Why a server config cannot be merged as it is; the message names the way forward. */
struct ServerImportConflict
{
    QString message;
    int line = 0; ///< 1-based line in the server's config, 0 when it concerns the whole import

    QString toString() const { return line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message; }

    friend bool operator==(const ServerImportConflict&, const ServerImportConflict&) = default;
};
