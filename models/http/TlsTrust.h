// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

class QNetworkRequest;

/**
 * Whom a client trusts over HTTPS, the same for InfluxDB, Loki and every check: the system CAs plus the data
 * source's optional CA file (PEM or DER). Certificate errors are never ignored.
 */
class TlsTrust
{
public:
    /// The certificates of a CA file, PEM first, then DER; empty when it cannot be read.
    static QList<QSslCertificate> readCaFile(const QString& path);
    /// Why the CA file cannot be used, empty when it can (or none is set).
    static QString caFileProblem(const QString& caFile);
    /// The default configuration with the CA file's certificates added.
    static QSslConfiguration configuration(const QString& caFile);
    /// Puts that configuration on a request (also on a plain http one: a redirect may go to https).
    static void apply(QNetworkRequest& request, const QString& caFile);
};
