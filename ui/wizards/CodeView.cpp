// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CodeView.h"

#include "export/ClipboardGuard.h"

#include <QFontDatabase>

CodeView::CodeView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

QMimeData* CodeView::createMimeDataFromSelection() const
{
    QMimeData* mime = QPlainTextEdit::createMimeDataFromSelection();
    if (m_secret && mime)
        ClipboardGuard::instance()->markSecret(mime);
    return mime;
}
