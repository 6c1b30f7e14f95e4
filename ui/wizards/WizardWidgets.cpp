// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/WizardWidgets.h"

#include <QLabel>

namespace WizardWidgets {

QLabel* problemLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    // Readable on light and dark windows alike; the "⚠" says it without colour.
    palette.setColor(QPalette::WindowText, QColor(0xd0, 0x50, 0x30));
    label->setPalette(palette);
    label->hide();
    return label;
}

void setProblem(QLabel* label, const QString& problem)
{
    label->setText(problem.isEmpty() ? QString() : QStringLiteral("⚠ ") + problem);
    label->setVisible(!problem.isEmpty());
}

QLabel* hintLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace WizardWidgets
