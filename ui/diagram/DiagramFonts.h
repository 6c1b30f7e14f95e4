// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QGuiApplication>

/** The diagram's three text sizes, relative to the desktop font so that the user's font size carries over. */
namespace DiagramFonts {

inline QFont sized(double relative, bool bold = false)
{
    QFont font = QGuiApplication::font();
    const double base = font.pointSizeF() > 0 ? font.pointSizeF() : 9.0;
    font.setPointSizeF(base * relative);
    font.setBold(bold);
    return font;
}

inline QFont title() { return sized(1.1, true); }
inline QFont body() { return sized(0.92); }
inline QFont small() { return sized(0.8); }
inline QFont regionLabel() { return sized(1.05, true); }

} // namespace DiagramFonts
