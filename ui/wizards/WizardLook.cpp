// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/WizardLook.h"

#include <QWizard>

namespace WizardLook {

void apply(QWizard* wizard)
{
    wizard->setWizardStyle(QWizard::ModernStyle);
    wizard->setOption(QWizard::NoBackButtonOnLastPage, false);
    wizard->setOption(QWizard::HaveHelpButton, false);
    wizard->setOption(QWizard::NoCancelButtonOnLastPage, true);
    wizard->setMinimumSize(820, 600);
    wizard->resize(900, 660);
}

} // namespace WizardLook
