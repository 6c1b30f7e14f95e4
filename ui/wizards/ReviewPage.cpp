// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ReviewPage.h"

#include "wizards/CopyableCode.h"
#include "wizards/PeerWizardState.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QSplitter>

namespace {

bool isSecret(const BundleFile& file)
{
    return file.purpose.contains(QLatin1String("secret"));
}

} // namespace

ReviewPage::ReviewPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_files(new QListWidget(this))
    , m_viewer(new CopyableCode(this))
{
    setTitle(tr("Review"));
    setSubTitle(tr("The files the export will write. Files marked (secret) hold a key: copying one clears the "
                   "clipboard again after 30 s."));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    m_files->setObjectName(QStringLiteral("reviewFiles"));
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_files);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 600});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    connect(m_files, &QListWidget::currentRowChanged, this, &ReviewPage::showFile);
}

void ReviewPage::initializePage()
{
    m_state->rebuildBundle();
    m_files->clear();
    for (const auto& file : m_state->bundle().files()) {
        auto* item = new QListWidgetItem(isSecret(file) ? tr("%1  (secret)").arg(file.name) : file.name, m_files);
        item->setToolTip(file.purpose);
    }
    m_files->setCurrentRow(0);
}

void ReviewPage::showFile(int row)
{
    const auto& files = m_state->bundle().files();
    if (row < 0 || row >= files.size())
        return;
    const BundleFile& file = files.at(row);
    m_viewer->setText(QString::fromUtf8(file.content), isSecret(file));
}
