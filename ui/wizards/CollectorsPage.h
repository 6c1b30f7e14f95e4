// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWizardPage>

class PeerWizardState;
class QCheckBox;
class QLabel;
class QLineEdit;

/** Onboarding step 3: Telegraf's InfluxDB output and Alloy's log sources, one checkbox per source. */
class CollectorsPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit CollectorsPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    /// Back keeps what was typed: the entries go to the state unchecked, and come back from it.
    void cleanupPage() override { validatePage(); }

private:
    QString problem() const;

    PeerWizardState* m_state;
    QLineEdit* m_influxUrl;
    QLineEdit* m_database;
    QLineEdit* m_lokiUrl;
    QList<QCheckBox*> m_journalSources;
    QCheckBox* m_apache;
    QLabel* m_problem;
};
