// SPDX-License-Identifier: GPL-3.0-or-later
// InfluxDB /query answers and error bodies, as a server (or anything pretending to be one) can send them.
#include "influx/InfluxResponseParser.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)InfluxResponseParser::parse(body);
    (void)InfluxResponseParser::serverErrorText(body, body.left(64));
    (void)InfluxResponseParser::timeFromHttpDate(body);
    (void)InfluxResponseParser::splitCidrs(QString::fromUtf8(body));
    return 0;
}
