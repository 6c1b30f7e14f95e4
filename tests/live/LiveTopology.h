// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/TopologyFile.h"

#include <QTemporaryDir>
#include <QUrl>

/// The reference deployment pointed at loopback test servers, saved to a temporary file for the command line.
inline QString saveLiveTopology(const QTemporaryDir& dir, const QUrl& influx, const QUrl& loki, quint16 s3Port,
                                DataSource::InfluxAuth auth = DataSource::InfluxAuth::None)
{
    Topology topology = TopologyFile::referenceDeployment();
    DataSource& source = topology.dataSources.first();
    source.influxUrl = influx;
    source.lokiUrl = loki;
    source.influxAuth = auth;
    for (Host& host : topology.hosts) {
        for (Service& service : host.services) {
            if (service.kind == QLatin1String("s3")) {
                host.fqdn = QStringLiteral("127.0.0.1");
                service.ports = {s3Port};
            }
        }
    }
    const QString path = dir.filePath(QStringLiteral("live.json"));
    return TopologyFile::save(path, topology).isEmpty() ? path : QString();
}
