// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTest>

#include <optional>

/**
 * Waits (running the event loop, bounded by timeoutMs) for the next emission of a one-argument signal and
 * returns its argument; empty when it did not come. Works for any copyable argument, registered or not.
 */
template <typename Result, typename Sender, typename Signal>
std::optional<Result> waitForSignal(Sender* sender, Signal signal, int timeoutMs = 10000)
{
    std::optional<Result> result;
    QObject context;
    QObject::connect(sender, signal, &context, [&result](const Result& value) {
        if (!result)
            result = value;
    });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}
