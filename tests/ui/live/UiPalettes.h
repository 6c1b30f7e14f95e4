// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DarkPalette.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

/// The app's own dark palette, to check that widgets read in it.
inline QPalette darkTestPalette()
{
    return DarkPalette::make();
}

/// Where to save screenshots for a person to look at: $TUNNELSCOPE_GRAB_DIR, empty when not asked.
inline QString grabDirectory()
{
    return qEnvironmentVariable("TUNNELSCOPE_GRAB_DIR");
}
