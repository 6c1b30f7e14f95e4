// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiConnection.h"

#include "topology/DataSource.h"

LokiConnection LokiConnection::fromDataSource(const DataSource& source)
{
    LokiConnection connection;
    connection.baseUrl = source.lokiUrl;
    connection.tenant = source.lokiTenant;
    connection.caFile = source.caFile;
    return connection;
}
