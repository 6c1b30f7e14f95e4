// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QTimer>
#include <QWizardPage>

class PeerWizardState;
class QLabel;

/**
 * The last step: watches the live network for the new key's first handshake, the host's first metrics and its
 * first logs, ticking each off as it arrives; after a few minutes without one, says what to check.
 */
class VerifyPage final : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr qint64 HintAfterSeconds = 5 * 60;

    enum class Check { Handshake, Metrics, Logs };

    explicit VerifyPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;

    bool arrived(Check check) const;
    QString statusText(Check check) const;
    bool hintShown(Check check) const;
    /// Looks at the network again (also done on every change and every second).
    void refresh();

private:
    struct Row
    {
        Check check;
        QString title;
        QString hint;
        QLabel* status = nullptr;
        QLabel* hintLabel = nullptr;
        QDateTime arrivedAt;
    };

    bool hasArrived(Check check) const;
    const Row& row(Check check) const;

    PeerWizardState* m_state;
    QList<Row> m_rows;
    QTimer m_ticker;
    QDateTime m_started;
    int m_spin = 0;
};
