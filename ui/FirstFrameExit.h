// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWidget;

/**
 * Quits the application once a window has painted its first frame: start-up benchmarks time a process from its
 * launch to its first picture, the app and the smallest Qt program alike.
 */
class FirstFrameExit : public QObject
{
    Q_OBJECT

public:
    explicit FirstFrameExit(QWidget* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool m_painted = false;
};
