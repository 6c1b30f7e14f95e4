// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class LokiClient;
struct LokiReadyResult;

/** The "Loki /ready" network test of the Checks panel and `tunnelscope-cli check`: ready or not, and how fast. */
class LokiReadyCheck final : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        QString name; ///< "Loki /ready"
        QString target; ///< the URL asked
        bool ok = false;
        int latencyMs = -1;
        QString detail; ///< "ready", or the error with the server's text
    };

    explicit LokiReadyCheck(LokiClient* client, QObject* parent = nullptr);

    /// Starts the check; finished comes once. A second run while one is pending is ignored.
    void run();
    bool isRunning() const { return m_pendingId != 0; }

Q_SIGNALS:
    void finished(const LokiReadyCheck::Result& result);

private:
    void onReady(const LokiReadyResult& ready);

    LokiClient* m_client;
    quint64 m_pendingId = 0;
};
