# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file under models/ includes a QtWidgets, QtGui, QtCharts or QtSvg header.
file(GLOB_RECURSE sources "${SOURCE_DIR}/*.h" "${SOURCE_DIR}/*.cpp")
set(forbidden "#[ \t]*include[ \t]*[<\"](QtWidgets|QtGui|QtCharts|QtSvg|QtSvgWidgets)/|#[ \t]*include[ \t]*[<\"](QWidget|QApplication|QGuiApplication|QPainter|QColor|QIcon|QPixmap|QImage|QFont|QPalette)[>\"]")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" hits REGEX "${forbidden}")
    if(hits)
        message(FATAL_ERROR "${source}: models/ must not include GUI headers: ${hits}")
    endif()
endforeach()
