// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

/**
 * Copies text to the clipboard. Text holding a secret is marked for clipboard managers (KDE's
 * x-kde-passwordManagerHint = secret: Klipper and others then keep it out of their history) and cleared again
 * after a while, if the clipboard still holds it.
 */
class SecretClipboard final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultClearDelay{30'000};
    static QString passwordManagerHintFormat() { return QStringLiteral("x-kde-passwordManagerHint"); }

    explicit SecretClipboard(QObject* parent = nullptr);

    void setClearDelay(std::chrono::milliseconds delay) { m_clearTimer.setInterval(delay); }
    void copy(const QString& text, bool secret);
    bool clearPending() const { return m_clearTimer.isActive(); }

Q_SIGNALS:
    void cleared();

private:
    void clearIfStillOurs();

    QTimer m_clearTimer;
    QByteArray m_fingerprint; ///< a hash of what we copied, to recognise it without keeping the secret
};
