// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class CopyableCode;
class PeerWizardState;
class QListWidget;
class SecretClipboard;

/** Every generated file, readable before anything is written: a list and a viewer with a Copy button. */
class ReviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    ReviewPage(PeerWizardState* state, SecretClipboard* clipboard, QWidget* parent = nullptr);

    void initializePage() override;

    QListWidget* fileList() const { return m_files; }
    CopyableCode* viewer() const { return m_viewer; }

private:
    void showFile(int row);

    PeerWizardState* m_state;
    QListWidget* m_files;
    CopyableCode* m_viewer;
};
