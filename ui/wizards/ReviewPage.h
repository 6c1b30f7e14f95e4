// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class CopyableCode;
class PeerWizardState;
class QListWidget;

/** Every generated file, readable before anything is written: a list and a viewer with a Copy button. */
class ReviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ReviewPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;

    QListWidget* fileList() const { return m_files; }
    CopyableCode* viewer() const { return m_viewer; }

private:
    void showFile(int row);

    PeerWizardState* m_state;
    QListWidget* m_files;
    CopyableCode* m_viewer;
};
