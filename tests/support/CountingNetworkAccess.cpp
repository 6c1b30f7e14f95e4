// SPDX-License-Identifier: GPL-3.0-or-later
#include "CountingNetworkAccess.h"

QNetworkReply* CountingNetworkAccess::createRequest(Operation operation, const QNetworkRequest& request,
                                                    QIODevice* outgoingData)
{
    ++m_requests;
    return QNetworkAccessManager::createRequest(operation, request, outgoingData);
}
