// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class SecretClipboard;

/** A generated file shown read-only in monospace, with a Copy button; secret text goes through SecretClipboard. */
class CopyableCode final : public QWidget
{
    Q_OBJECT

public:
    CopyableCode(SecretClipboard* clipboard, QWidget* parent = nullptr);

    void setText(const QString& text, bool secret);
    QString text() const;
    QPushButton* copyButton() const { return m_copy; }
    QPlainTextEdit* view() const { return m_view; }
    QLabel* notice() const { return m_notice; }

private:
    void copy();

    SecretClipboard* m_clipboard;
    QPlainTextEdit* m_view;
    QPushButton* m_copy;
    QLabel* m_notice;
    bool m_secret = false;
};
