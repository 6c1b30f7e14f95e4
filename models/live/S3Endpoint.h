// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

struct Topology;

/** An S3 service of the topology, as the laptop would reach it: http://<fqdn>:<port> of the storage host. */
struct S3Endpoint
{
    QString hostId;
    QString serviceId;
    QString hostName;
    QUrl url;
    /// Said when the check fails: where the storage sits and whether the laptop can be expected to reach it.
    QString reachabilityNote;

    /// One per service of kind "s3" whose host has a name to dial (FQDN, else a usable address) and a port.
    static QList<S3Endpoint> fromTopology(const Topology& topology);
};
