// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

/** Small building blocks the wizard pages share. */
namespace WizardWidgets {

/// A word-wrapped label for a field's problem, drawn in the palette's error-ish colour with a leading sign so
/// the colour never stands alone. Empty text hides it.
QLabel* problemLabel(QWidget* parent);
void setProblem(QLabel* label, const QString& problem);
/// A muted, word-wrapped explanation under a field.
QLabel* hintLabel(const QString& text, QWidget* parent);

} // namespace WizardWidgets
