// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/ClipboardGuard.h"

#include <QGuiApplication>
#include <QMimeData>

namespace {

constexpr std::array GuardedModes{QClipboard::Clipboard, QClipboard::Selection};

} // namespace

ClipboardGuard* ClipboardGuard::instance()
{
    // Parented to the application so that it outlives every window that copies through it.
    static QPointer<ClipboardGuard> guard;
    Q_ASSERT(qGuiApp);
    if (!guard)
        guard = new ClipboardGuard(qGuiApp);
    return guard;
}

ClipboardGuard::ClipboardGuard(QObject* parent)
    : QObject(parent)
{
    for (const QClipboard::Mode mode : GuardedModes) {
        QTimer& timer = m_watches[watchIndex(mode)].timer;
        timer.setSingleShot(true);
        timer.setInterval(DefaultClearDelay);
        connect(&timer, &QTimer::timeout, this, [this, mode] { clearIfStillOurs(mode); });
    }
    connect(QGuiApplication::clipboard(), &QClipboard::changed, this, &ClipboardGuard::clipboardChanged);
    // On X11 a clipboard manager is asked to keep the clipboard when the application exits: clear it before.
    connect(qGuiApp, &QCoreApplication::aboutToQuit, this, &ClipboardGuard::clearAll);
}

void ClipboardGuard::setClearDelay(std::chrono::milliseconds delay)
{
    for (Watch& watch : m_watches)
        watch.timer.setInterval(delay);
}

void ClipboardGuard::copy(const QString& text, bool secret)
{
    auto* mime = new QMimeData;
    mime->setText(text);
    if (secret)
        markSecret(mime);
    QGuiApplication::clipboard()->setMimeData(mime);
}

void ClipboardGuard::markSecret(QMimeData* mime)
{
    mime->setData(passwordManagerHintFormat(), QByteArrayLiteral("secret"));
    m_marked.removeAll(nullptr);
    m_marked.append(mime);
}

bool ClipboardGuard::clearPending(QClipboard::Mode mode) const
{
    const int index = watchIndex(mode);
    return index >= 0 && m_watches[index].timer.isActive();
}

void ClipboardGuard::clipboardChanged(QClipboard::Mode mode)
{
    const int index = watchIndex(mode);
    if (index < 0)
        return;
    Watch& watch = m_watches[index];
    // Only the pointer is compared: reading another application's data here would mean a round trip on X11.
    const QMimeData* now = QGuiApplication::clipboard()->mimeData(mode);
    const bool secretOfOurs = now && m_marked.contains(now);
    watch.ours = secretOfOurs ? now : nullptr;
    if (secretOfOurs)
        watch.timer.start(); // a fresh copy of a secret gets the full delay again
    else
        watch.timer.stop(); // the user copied something else: it is theirs, nothing to clear
}

void ClipboardGuard::clearIfStillOurs(QClipboard::Mode mode)
{
    Watch& watch = m_watches[watchIndex(mode)];
    watch.timer.stop();
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (!watch.ours || clipboard->mimeData(mode) != watch.ours)
        return;
    watch.ours = nullptr;
    clipboard->clear(mode);
    Q_EMIT cleared();
}

void ClipboardGuard::clearAll()
{
    for (const QClipboard::Mode mode : GuardedModes)
        clearIfStillOurs(mode);
}

int ClipboardGuard::watchIndex(QClipboard::Mode mode)
{
    switch (mode) {
    case QClipboard::Clipboard:
        return 0;
    case QClipboard::Selection:
        return 1;
    case QClipboard::FindBuffer: // macOS only, never written with a secret
        break;
    }
    return -1;
}
