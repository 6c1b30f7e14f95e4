// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CopyableCode.h"

#include "export/ClipboardGuard.h"
#include "wizards/CodeView.h"
#include "wizards/WizardWidgets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

CopyableCode::CopyableCode(QWidget* parent)
    : QWidget(parent)
    , m_view(new CodeView(this))
    , m_copy(new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"), this))
    , m_notice(WizardWidgets::hintLabel(QString(), this))
{
    m_copy->setObjectName(QStringLiteral("copyButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_notice, 1);
    buttons->addWidget(m_copy, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(m_copy, &QPushButton::clicked, this, &CopyableCode::copy);
    connect(ClipboardGuard::instance(), &ClipboardGuard::cleared, this, [this] {
        if (m_view->isSecret())
            m_notice->setText(tr("The clipboard was cleared."));
    });
}

void CopyableCode::setText(const QString& text, bool secret)
{
    m_view->setPlainText(text);
    m_view->setSecret(secret);
    m_notice->setText(secret ? tr("Holds a secret key.") : QString());
}

QString CopyableCode::text() const
{
    return m_view->toPlainText();
}

void CopyableCode::copy()
{
    ClipboardGuard::instance()->copy(m_view->toPlainText(), m_view->isSecret());
    m_notice->setText(m_view->isSecret() ? tr("⚠ Copied a secret key: paste it now; the clipboard is cleared in 30 s.")
                                         : tr("Copied."));
}
