// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/TlsTrust.h"

#include <QNetworkRequest>

QList<QSslCertificate> TlsTrust::readCaFile(const QString& path)
{
    QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromPath(path, QSsl::Der);
    return certificates;
}

QString TlsTrust::caFileProblem(const QString& caFile)
{
    if (caFile.isEmpty() || !readCaFile(caFile).isEmpty())
        return {};
    return QStringLiteral("the CA file %1 cannot be read or holds no certificate").arg(caFile);
}

QSslConfiguration TlsTrust::configuration(const QString& caFile)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!caFile.isEmpty())
        tls.addCaCertificates(readCaFile(caFile));
    return tls;
}

void TlsTrust::apply(QNetworkRequest& request, const QString& caFile)
{
    request.setSslConfiguration(configuration(caFile));
}
