// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxConnection.h"

InfluxConnection InfluxConnection::fromDataSource(const DataSource& source, const InfluxCredentials& credentials)
{
    InfluxConnection connection;
    connection.url = source.influxUrl;
    connection.database = source.influxDatabase;
    connection.auth = source.influxAuth;
    connection.credentials = credentials;
    if (connection.credentials.user.isEmpty())
        connection.credentials.user = source.influxUser.toUtf8();
    connection.caFile = source.caFile;
    return connection;
}
