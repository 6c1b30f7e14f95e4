// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

/** Where a Loki is and how to talk to it. No secrets: those come as LokiCredentials. */
struct LokiConnection
{
    static constexpr int DefaultTimeoutMs = 15000;

    QUrl baseUrl; ///< e.g. http://10.10.0.11:3100 (a path prefix of a proxy is kept)
    QString tenant; ///< X-Scope-OrgID, empty when Loki runs with auth_enabled: false
    int timeoutMs = DefaultTimeoutMs;
};
