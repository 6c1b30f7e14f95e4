// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWizard;

/** The look both wizards share: modern style, a size that fits the generated files, no ugly watermark. */
namespace WizardLook {

void apply(QWizard* wizard);

} // namespace WizardLook
