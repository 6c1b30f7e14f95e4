// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

struct Topology;

/** The host card and service a network check is about, so the diagram can mark the result where it belongs. */
struct CheckTarget
{
    QString hostId;
    QString serviceId;

    bool isValid() const { return !hostId.isEmpty(); }

    /// The service of `kind` ("influxdb", "loki", "s3") listening on the URL's port, on the host the URL names
    /// (FQDN, address or tunnel address); when no host matches by name, the only service of that kind and port.
    static CheckTarget locate(const Topology& topology, const QString& kind, const QUrl& url);
    /// The service kind a check of this name tests: "InfluxDB" -> "influxdb", "Loki" -> "loki", "S3" -> "s3".
    static QString kindOfCheck(const QString& checkName);
};
