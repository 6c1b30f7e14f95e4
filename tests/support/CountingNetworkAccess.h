// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QNetworkAccessManager>

/** A QNetworkAccessManager that counts the requests made through it, for tests of how many a feature sends. */
class CountingNetworkAccess : public QNetworkAccessManager
{
    Q_OBJECT

public:
    using QNetworkAccessManager::QNetworkAccessManager;

    int requests() const { return m_requests; }
    void resetCount() { m_requests = 0; }

protected:
    QNetworkReply* createRequest(Operation operation, const QNetworkRequest& request, QIODevice* outgoingData) override;

private:
    int m_requests = 0;
};
