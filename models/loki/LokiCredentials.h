// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/**
 * Basic auth for a proxy in front of Loki (Loki itself has none). Move it into LokiClient::setCredentials,
 * which zeroes the secret once it has built the header.
 */
struct LokiCredentials
{
    QString user;
    QByteArray secret;

    bool isEmpty() const { return user.isEmpty() && secret.isEmpty(); }
};
