// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <algorithm>

/**
 * What one HTTP exchange may cost at most: how many bytes of body, how long in total (redirects included) and
 * how many redirects. The idle timeout stays the request's transfer timeout; these bound a server that trickles
 * or sends without end. The sizes are documented in README ("Limits of every request").
 */
struct HttpLimits
{
    static constexpr qint64 KiB = 1024;
    static constexpr qint64 MiB = 1024 * KiB;
    /// A query result: the poll of 2,000 peers is about 2 MiB, a week of history a few; 32 MiB is far past both.
    static constexpr qint64 QueryBodyBytes = 32 * MiB;
    /// /ready, /ping, /health and an S3 error document are a few hundred bytes.
    static constexpr qint64 ProbeBodyBytes = 64 * KiB;
    /// A query may take longer than its idle timeout to stream in, but never more than this.
    static constexpr int QueryDeadlineMs = 30000;
    static constexpr int DefaultMaxRedirects = 5;

    qint64 maxBodyBytes = QueryBodyBytes;
    int deadlineMs = QueryDeadlineMs; ///< total, from the first request to the last byte
    int maxRedirects = DefaultMaxRedirects; ///< 0: a redirect is the answer, not followed

    /// A query: 32 MiB within 30 s, or within the idle timeout when that is longer.
    static HttpLimits query(int idleTimeoutMs) { return {QueryBodyBytes, std::max(QueryDeadlineMs, idleTimeoutMs)}; }
    /// A probe: 64 KiB within twice the idle timeout (a healthy server answers at once; twice, so that a silent
    /// server is reported by the idle timeout as silent, and only a trickling one by the deadline).
    static HttpLimits probe(int timeoutMs) { return {ProbeBodyBytes, 2 * std::max(1, timeoutMs)}; }
};
