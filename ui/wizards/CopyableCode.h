// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class CodeView;
class QLabel;
class QPushButton;

/** A generated file shown read-only in monospace, with a Copy button; secret text goes through ClipboardGuard. */
class CopyableCode final : public QWidget
{
    Q_OBJECT

public:
    explicit CopyableCode(QWidget* parent = nullptr);

    void setText(const QString& text, bool secret);
    QString text() const;
    QPushButton* copyButton() const { return m_copy; }
    CodeView* view() const { return m_view; }
    QLabel* notice() const { return m_notice; }

private:
    void copy();

    CodeView* m_view;
    QPushButton* m_copy;
    QLabel* m_notice;
};
