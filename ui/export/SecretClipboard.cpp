// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/SecretClipboard.h"

#include "wireguard/SecureBytes.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>

namespace {

QByteArray fingerprintOf(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    const QByteArray hash = QCryptographicHash::hash(utf8, QCryptographicHash::Sha256);
    SecureBytes::wipe(utf8);
    return hash;
}

} // namespace

SecretClipboard::SecretClipboard(QObject* parent)
    : QObject(parent)
{
    m_clearTimer.setSingleShot(true);
    m_clearTimer.setInterval(DefaultClearDelay);
    connect(&m_clearTimer, &QTimer::timeout, this, &SecretClipboard::clearIfStillOurs);
}

void SecretClipboard::copy(const QString& text, bool secret)
{
    auto* mime = new QMimeData;
    mime->setText(text);
    if (secret) {
        mime->setData(passwordManagerHintFormat(), QByteArrayLiteral("secret"));
        m_fingerprint = fingerprintOf(text);
        m_clearTimer.start();
    } else {
        m_fingerprint.clear();
        m_clearTimer.stop();
    }
    QGuiApplication::clipboard()->setMimeData(mime);
}

void SecretClipboard::clearIfStillOurs()
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    QString current = clipboard->text();
    // Something the user copied since is theirs: leave it.
    if (!m_fingerprint.isEmpty() && fingerprintOf(current) == m_fingerprint)
        clipboard->clear();
    SecureBytes::wipe(current);
    m_fingerprint.clear();
    Q_EMIT cleared();
}
