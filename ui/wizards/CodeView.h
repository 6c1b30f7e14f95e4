// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

/**
 * A read-only monospace view of a generated file. While it shows a secret, every way text leaves it (Ctrl+C, the
 * context menu's Copy, a drag, the X11 selection a mouse selection fills) carries the ClipboardGuard's mark and is
 * cleared by it: Qt builds all of them with createMimeDataFromSelection().
 */
class CodeView final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeView(QWidget* parent = nullptr);

    void setSecret(bool secret) { m_secret = secret; }
    bool isSecret() const { return m_secret; }

protected:
    QMimeData* createMimeDataFromSelection() const override;

private:
    bool m_secret = false;
};
