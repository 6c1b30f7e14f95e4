// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>

/** The dark palette of `tunnelscope --dark`: what a dark desktop theme gives, so the look can be checked in it. */
class DarkPalette
{
public:
    static QPalette make();
};
