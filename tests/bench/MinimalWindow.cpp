// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-bench-minimal-window: the smallest Qt Widgets program that shows one window, quitting after its first
// frame exactly as tunnelscope --exit-after-first-frame does: the start-up benchmark's yardstick.
#include "FirstFrameExit.h"

#include <QApplication>
#include <QWidget>

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QWidget window;
    window.resize(1280, 800);
    new FirstFrameExit(&window);
    window.show();
    return QApplication::exec();
}
