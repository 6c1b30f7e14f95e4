// SPDX-License-Identifier: GPL-3.0-or-later
// Loki query, label and error bodies, as a server (or anything pretending to be one) can send them.
#include "loki/LokiResponseParser.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)LokiResponseParser::parseQuery(body, LokiDirection::Backward);
    (void)LokiResponseParser::parseQuery(body, LokiDirection::Forward);
    (void)LokiResponseParser::parseStringList(body);
    (void)LokiResponseParser::httpError(400, QStringLiteral("Bad Request"), body);
    return 0;
}
