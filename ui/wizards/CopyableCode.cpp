// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CopyableCode.h"

#include "export/SecretClipboard.h"
#include "wizards/WizardWidgets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

CopyableCode::CopyableCode(SecretClipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_view(WizardWidgets::codeView(this))
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
    connect(m_clipboard, &SecretClipboard::cleared, this, [this] {
        if (m_secret)
            m_notice->setText(tr("The clipboard was cleared."));
    });
}

void CopyableCode::setText(const QString& text, bool secret)
{
    m_view->setPlainText(text);
    m_secret = secret;
    m_notice->setText(secret ? tr("Holds a secret key.") : QString());
}

QString CopyableCode::text() const
{
    return m_view->toPlainText();
}

void CopyableCode::copy()
{
    m_clipboard->copy(m_view->toPlainText(), m_secret);
    m_notice->setText(m_secret ? tr("⚠ Copied a secret key: paste it now; the clipboard is cleared in 30 s.")
                               : tr("Copied."));
}
