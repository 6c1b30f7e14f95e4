// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class PeerWizardState;
class QLabel;

/** Rotation step 1: which peer, its current key and the key's age, and the order of the steps that follow. */
class RotationKeysPage final : public QWizardPage
{
    Q_OBJECT

public:
    RotationKeysPage(PeerWizardState* state, const QString& hostId, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QLabel* keyAgeLabel() const { return m_keyAge; }
    /// "key age: 43 d" (or "unknown" without a creation time).
    static QString keyAgeText(const QDateTime& created, const QDateTime& now);

private:
    PeerWizardState* m_state;
    QString m_hostId;
    QString m_error;
    QLabel* m_summary;
    QLabel* m_keyAge;
    QLabel* m_problem;
};
