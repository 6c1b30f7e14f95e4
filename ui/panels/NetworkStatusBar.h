// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStatusBar>

class NetworkState;
class QLabel;
struct SourceStatus;

/** Where the numbers come from and how fresh they are: each endpoint's health, the last update, the peer count. */
class NetworkStatusBar final : public QStatusBar
{
    Q_OBJECT

public:
    explicit NetworkStatusBar(NetworkState* network, QWidget* parent = nullptr);

    QString sourceText() const;
    QString updatedText() const;
    QString peersText() const;

    static QString describeSource(const SourceStatus& status);

private:
    void refresh();

    NetworkState* m_network;
    QLabel* m_source;
    QLabel* m_updated;
    QLabel* m_peers;
};
