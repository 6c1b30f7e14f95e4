// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** Why a Loki request failed, in words for the user; the server's own text is kept as it was sent. */
struct LokiError
{
    enum class Kind {
        None,
        Http, ///< the server answered with a status other than 200
        Connection, ///< refused, unreachable, closed early
        Timeout, ///< no complete answer in time
        BadResponse, ///< 200 but not the JSON Loki sends (garbage, truncated)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString serverText; ///< the response body as sent (Loki's errors are plain text), trailing newline removed
    QString message; ///< the whole message for the user, including serverText

    bool ok() const { return kind == Kind::None; }

    friend bool operator==(const LokiError&, const LokiError&) = default;
};
