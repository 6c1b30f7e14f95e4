// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QClipboard>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <array>
#include <chrono>

class QMimeData;

/**
 * The application's one way of putting a secret on the clipboard. It marks it for clipboard managers (KDE's
 * x-kde-passwordManagerHint = secret: Klipper, KeePassXC and others then keep it out of their history) and takes
 * it off again after a while and when the application quits, on the clipboard and on the X11 selection alike, but
 * only while they still hold what it put there: whatever the user copied since is theirs.
 *
 * A child of the application, not of a wizard: a secret copied just before its wizard closes is still cleared.
 */
class ClipboardGuard final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultClearDelay{30'000};
    static QString passwordManagerHintFormat() { return QStringLiteral("x-kde-passwordManagerHint"); }

    /// The application's guard, made on first use; needs a QGuiApplication.
    static ClipboardGuard* instance();

    /// How long a secret stays (tests shorten it); a pending clear restarts with the new delay.
    void setClearDelay(std::chrono::milliseconds delay);
    /// Puts text on the clipboard; secret text is marked and guarded.
    void copy(const QString& text, bool secret);
    /// Marks data a text view is about to put on the clipboard or the selection (QPlainTextEdit's
    /// createMimeDataFromSelection): once there, it is guarded as copy()'s is.
    void markSecret(QMimeData* mime);
    /// Whether a secret of ours on `mode` is waiting to be cleared.
    bool clearPending(QClipboard::Mode mode = QClipboard::Clipboard) const;

Q_SIGNALS:
    /// A secret of ours was taken off the clipboard or the selection.
    void cleared();

private:
    /// One per clipboard mode the guard covers: the clipboard and the X11 selection.
    struct Watch
    {
        QTimer timer;
        QPointer<const QMimeData> ours; ///< the secret data of ours `mode` holds, if any
    };

    explicit ClipboardGuard(QObject* parent);

    void clipboardChanged(QClipboard::Mode mode);
    void clearIfStillOurs(QClipboard::Mode mode);
    void clearAll();
    /// m_watches' index for `mode`, -1 for a mode the guard leaves alone
    static int watchIndex(QClipboard::Mode mode);

    std::array<Watch, 2> m_watches; ///< indexed by QClipboard::Clipboard and QClipboard::Selection
    QList<QPointer<QMimeData>> m_marked; ///< secret data handed out, not yet seen landing (or deleted since)
};
