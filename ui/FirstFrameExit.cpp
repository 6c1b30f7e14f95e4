// SPDX-License-Identifier: GPL-3.0-or-later
#include "FirstFrameExit.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

FirstFrameExit::FirstFrameExit(QWidget* window) : QObject(window)
{
    window->installEventFilter(this);
}

bool FirstFrameExit::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        // Queued: the children of the window paint in the same pass, after the window itself.
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    }
    return QObject::eventFilter(watched, event);
}
